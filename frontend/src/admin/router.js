import { createRouter, createWebHashHistory } from 'vue-router'
import { ElMessage } from 'element-plus'
import { requireToken } from '@/shared/bootstrap'
import { useMe } from '@/shared/useMe'
import { AREA_ROLES, tokens } from './session'

const PRODUCT = '精准营销云 · 管理后台'

const routes = [
  { path: '/login', name: 'login', component: () => import('./views/login/index.vue'), meta: { public: true, title: '登录' } },
  {
    path: '/',
    component: () => import('./Layout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('./views/home/index.vue'), meta: { title: '运营统计' } },
      { path: 'tenants', name: 'tenants', component: () => import('./views/tenants/index.vue'), meta: { title: '企业审核', roles: AREA_ROLES.tenants } },
      { path: 'tenants/:id', name: 'tenant-detail', component: () => import('./views/tenants/detail.vue'), meta: { title: '企业详情', roles: AREA_ROLES.tenants } },
      { path: 'plan-review', name: 'plan-review', component: () => import('./views/plans/review.vue'), meta: { title: '方案审核', roles: AREA_ROLES.plans } },
      { path: 'plan-review/:id', name: 'plan-review-detail', component: () => import('./views/plans/detail.vue'), meta: { title: '审核方案', roles: AREA_ROLES.plans } },
      { path: 'plans', name: 'plans', component: () => import('./views/plans/index.vue'), meta: { title: '方案管理', roles: AREA_ROLES.plans } },
      { path: 'plans/new', name: 'plan-new', component: () => import('./views/plans/edit.vue'), meta: { title: '新建平台方案', roles: AREA_ROLES.plans } },
      { path: 'plans/:id', name: 'plan-detail', component: () => import('./views/plans/detail.vue'), meta: { title: '方案详情', roles: AREA_ROLES.plans } },
      { path: 'plans/:id/edit', name: 'plan-edit', component: () => import('./views/plans/edit.vue'), meta: { title: '编辑方案', roles: AREA_ROLES.plans } },
      { path: 'dictionaries', name: 'dictionaries', component: () => import('./views/dictionaries/index.vue'), meta: { title: '字典', roles: AREA_ROLES.dictionaries } },
      { path: 'fees', name: 'fees', component: () => import('./views/fees/index.vue'), meta: { title: '交费管理', roles: AREA_ROLES.fees } },
      { path: 'data', name: 'data', component: () => import('./views/data/index.vue'), meta: { title: '数据管理', roles: AREA_ROLES.data } },
      { path: 'audit', name: 'audit', component: () => import('./views/audit/index.vue'), meta: { title: '审计日志', roles: AREA_ROLES.audit } },
      { path: 'notifications', name: 'notifications', component: () => import('./views/notifications/index.vue'), meta: { title: '消息' } },
      { path: 'staff', name: 'staff', component: () => import('./views/staff/index.vue'), meta: { title: '员工管理', roles: AREA_ROLES.staff } },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

const router = createRouter({ history: createWebHashHistory(), routes })
requireToken(router, tokens)

// Pages for some roles only: ask who is logged in, then let through or send home.
router.beforeEach(async (to) => {
  if (!to.meta.roles) return true
  try {
    const me = await useMe().load()
    if (to.meta.roles.includes(me.role)) return true
    ElMessage.warning('您的账号没有权限访问该页面')
    return { name: 'home' }
  } catch (error) {
    if (error.sessionRefused) return { name: 'login', query: { redirect: to.fullPath, expired: '1' } }
    return true // the page shows its own error
  }
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - ${PRODUCT}` : PRODUCT
})

export default router
