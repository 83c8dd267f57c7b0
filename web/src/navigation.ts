// The side menu's entries and the capability each one needs.
import type { Component } from 'vue'
import { Document, HomeFilled, Lock, OfficeBuilding, UserFilled } from '@element-plus/icons-vue'
import type { Capability } from './api/types'
import { can } from './session'

export interface NavItem {
  path: string
  label: string
  icon: Component
  capability?: Capability
}

export const navItems: NavItem[] = [
  { path: '/', label: '首页', icon: HomeFilled, capability: 'dashboard.read' },
  { path: '/org', label: '组织架构', icon: OfficeBuilding, capability: 'org.read' },
  { path: '/users', label: '用户管理', icon: UserFilled, capability: 'user.read' },
  { path: '/audit', label: '审计日志', icon: Document, capability: 'audit.read' },
  { path: '/account/password', label: '修改密码', icon: Lock },
]

export function visibleNavItems(): NavItem[] {
  return navItems.filter((item) => !item.capability || can(item.capability))
}

/** Where "home" is for this user: the first page the role may open. */
export function homePath(): string {
  return visibleNavItems()[0]?.path ?? '/account/password'
}
