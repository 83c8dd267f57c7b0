import { createRouter, createWebHistory } from 'vue-router'
import type { Capability } from './api/types'
import { onUnauthenticated } from './api/api'
import { can, clearSession, ensureSession, session } from './session'
import { homePath } from './navigation'
import { resetMeta } from './composables/useMeta'
import { ElMessage } from 'element-plus'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean
    capability?: Capability
    title?: string
  }
}

export const PASSWORD_ROUTE = 'password'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue'), meta: { public: true, title: '登录' } },
    // The landing page of a worker's promotion link: for residents, no login.
    { path: '/promo/:code', name: 'promo', component: () => import('./pages/PromoLandingPage.vue'), meta: { public: true, title: '安装国家反诈中心APP' } },
    // The scam-message check: for anyone, logged in or not.
    { path: '/check', name: 'check', component: () => import('./pages/CheckPage.vue'), meta: { public: true, title: '可疑信息检测' } },
    {
      path: '/',
      component: () => import('./layouts/AppLayout.vue'),
      children: [
        { path: '', name: 'dashboard', component: () => import('./pages/DashboardPage.vue'), meta: { capability: 'dashboard.read', title: '首页' } },
        // /org opens the user's scope root, /org/:id one unit (one route, so the tree survives navigation).
        { path: 'org/:id?', name: 'org', component: () => import('./pages/OrgPage.vue'), meta: { capability: 'org.read', title: '组织架构' } },
        { path: 'users', name: 'users', component: () => import('./pages/UsersPage.vue'), meta: { capability: 'user.read', title: '用户管理' } },
        { path: 'people', name: 'people', component: () => import('./pages/PeoplePage.vue'), meta: { capability: 'person.read', title: '住户与人员' } },
        { path: 'imports/:id?', name: 'imports', component: () => import('./pages/ImportsPage.vue'), meta: { capability: 'person.read', title: '花名册导入' } },
        { path: 'visits', name: 'visits', component: () => import('./pages/VisitsPage.vue'), meta: { capability: 'visit.write', title: '入户走访' } },
        { path: 'progress', name: 'progress', component: () => import('./pages/ProgressPage.vue'), meta: { capability: 'visit.read', title: '工作进度' } },
        { path: 'campaigns', name: 'campaigns', component: () => import('./pages/CampaignsPage.vue'), meta: { capability: 'visit.read', title: '活动管理' } },
        { path: 'app/ranking', name: 'app-ranking', component: () => import('./pages/AppRankingPage.vue'), meta: { capability: 'app.read', title: '反诈APP周排名' } },
        { path: 'app/rosters', name: 'app-rosters', component: () => import('./pages/AppRostersPage.vue'), meta: { capability: 'app.read', title: '花名册报送' } },
        { path: 'app/targets', name: 'app-targets', component: () => import('./pages/AppTargetsPage.vue'), meta: { capability: 'app.read', title: '推广目标' } },
        { path: 'app/promotion', name: 'app-promotion', component: () => import('./pages/PromotionPage.vue'), meta: { title: '我的推广码' } },
        { path: 'spot-checks', name: 'spot-checks', component: () => import('./pages/SpotChecksPage.vue'), meta: { capability: 'app.read', title: '电话抽查' } },
        { path: 'spot-checks/:id(\\d+)', name: 'spot-check', component: () => import('./pages/SpotCheckPlanPage.vue'), meta: { capability: 'app.read', title: '电话抽查' } },
        { path: 'cases', name: 'cases', component: () => import('./pages/CasesPage.vue'), meta: { capability: 'case.read', title: '案件列表' } },
        { path: 'cases/:id(\\d+)', name: 'case', component: () => import('./pages/CaseDetailPage.vue'), meta: { capability: 'case.read', title: '案件详情' } },
        { path: 'case-stats', name: 'case-stats', component: () => import('./pages/CaseStatsPage.vue'), meta: { capability: 'case.read', title: '案件统计' } },
        { path: 'case-targets', name: 'case-targets', component: () => import('./pages/CaseTargetsPage.vue'), meta: { capability: 'case.read', title: '两降目标' } },
        { path: 'case-bulletin', name: 'case-bulletin', component: () => import('./pages/CaseBulletinPage.vue'), meta: { capability: 'case.read', title: '案件通报' } },
        { path: 'audit', name: 'audit', component: () => import('./pages/AuditPage.vue'), meta: { capability: 'audit.read', title: '审计日志' } },
        { path: 'account/password', name: PASSWORD_ROUTE, component: () => import('./pages/ChangePasswordPage.vue'), meta: { title: '修改密码' } },
        { path: ':pathMatch(.*)*', name: 'not-found', component: () => import('./pages/NotFoundPage.vue'), meta: { title: '页面不存在' } },
      ],
    },
  ],
})

async function hasSession(): Promise<boolean> {
  try {
    return await ensureSession()
  } catch {
    // Server unreachable or failing: the login page is where the user can retry.
    return false
  }
}

router.beforeEach(async (to) => {
  if (to.meta.public) {
    if (to.name === 'login' && (await hasSession())) {
      return session.user?.must_change_password ? { name: PASSWORD_ROUTE } : homePath()
    }
    return true
  }
  if (!(await hasSession())) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  // A new or reset password must be replaced before anything else.
  if (session.user?.must_change_password && to.name !== PASSWORD_ROUTE) {
    return { name: PASSWORD_ROUTE }
  }
  if (to.meta.capability && !can(to.meta.capability)) {
    const home = homePath()
    return to.path === home ? { name: PASSWORD_ROUTE } : home
  }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - 反诈工作平台` : '反诈工作平台'
})

// Session gone (expired, or logged out elsewhere): back to the login page,
// remembering where the user was.
onUnauthenticated(() => {
  const current = router.currentRoute.value
  clearSession()
  resetMeta()
  if (current.name === 'login') {
    return
  }
  ElMessage.warning({ message: '登录已失效，请重新登录', grouping: true })
  void router.replace({ name: 'login', query: { redirect: current.fullPath } })
})
