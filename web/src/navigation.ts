// The side menu's entries and the capability each one needs.
import type { Component } from 'vue'
import {
  Aim,
  Bell,
  DataAnalysis,
  Files,
  Document,
  DocumentChecked,
  Flag,
  HomeFilled,
  House,
  Lock,
  OfficeBuilding,
  Phone,
  Postcard,
  Search,
  Share,
  TrendCharts,
  Trophy,
  Upload,
  UserFilled,
  Warning,
} from '@element-plus/icons-vue'
import type { Capability } from './api/types'
import { can } from './session'

export interface NavItem {
  path: string
  label: string
  icon: Component
  capability?: Capability
  /** Items with the same group are shown together under the group's title. */
  group?: NavGroupKey
}

export type NavGroupKey = 'cases'

export interface NavGroup {
  label: string
  icon: Component
}

export const navGroups: Record<NavGroupKey, NavGroup> = {
  cases: { label: '案件', icon: Warning },
}

export const navItems: NavItem[] = [
  { path: '/', label: '首页', icon: HomeFilled, capability: 'dashboard.read' },
  { path: '/org', label: '组织架构', icon: OfficeBuilding, capability: 'org.read' },
  { path: '/people', label: '住户与人员', icon: House, capability: 'person.read' },
  { path: '/imports', label: '花名册导入', icon: Upload, capability: 'person.read' },
  { path: '/visits', label: '入户走访', icon: Postcard, capability: 'visit.write' },
  { path: '/progress', label: '工作进度', icon: TrendCharts, capability: 'visit.read' },
  { path: '/campaigns', label: '活动管理', icon: Flag, capability: 'visit.read' },
  { path: '/app/ranking', label: '反诈APP排名', icon: Trophy, capability: 'app.read' },
  { path: '/app/rosters', label: '花名册报送', icon: DocumentChecked, capability: 'app.read' },
  { path: '/app/targets', label: '推广目标', icon: Aim, capability: 'app.read' },
  { path: '/spot-checks', label: '电话抽查', icon: Phone, capability: 'app.read' },
  { path: '/cases', label: '案件列表', icon: Files, capability: 'case.read', group: 'cases' },
  { path: '/case-stats', label: '案件统计', icon: DataAnalysis, capability: 'case.read', group: 'cases' },
  { path: '/case-targets', label: '两降目标', icon: Aim, capability: 'case.read', group: 'cases' },
  { path: '/case-bulletin', label: '案件通报', icon: Bell, capability: 'case.read', group: 'cases' },
  { path: '/app/promotion', label: '我的推广码', icon: Share },
  // Public (it leaves the layout); after 我的推广码 so that homePath() never picks it.
  { path: '/check', label: '可疑信息检测', icon: Search },
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
