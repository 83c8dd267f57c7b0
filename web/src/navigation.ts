// The side menu's entries and the capability each one needs.
import type { Component } from 'vue'
import {
  Document,
  Flag,
  HomeFilled,
  House,
  Lock,
  OfficeBuilding,
  Postcard,
  TrendCharts,
  Upload,
  UserFilled,
} from '@element-plus/icons-vue'
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
  { path: '/people', label: '住户与人员', icon: House, capability: 'person.read' },
  { path: '/imports', label: '花名册导入', icon: Upload, capability: 'person.read' },
  { path: '/visits', label: '入户走访', icon: Postcard, capability: 'visit.write' },
  { path: '/progress', label: '工作进度', icon: TrendCharts, capability: 'visit.read' },
  { path: '/campaigns', label: '活动管理', icon: Flag, capability: 'visit.read' },
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
