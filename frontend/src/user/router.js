import { createRouter, createWebHashHistory } from 'vue-router'
import { requireToken } from '@/shared/bootstrap'
import { tokens } from './session'
import { requirePermission } from './permissions'

const PRODUCT = '精准营销云'

const routes = [
  { path: '/login', name: 'login', component: () => import('./views/login/index.vue'), meta: { public: true, title: '登录' } },
  { path: '/register', name: 'register', component: () => import('./views/register/index.vue'), meta: { public: true, title: '注册企业账号' } },
  { path: '/pending', name: 'pending', component: () => import('./views/pending/index.vue'), meta: { public: true, title: '等待审核' } },
  { path: '/forgot', name: 'forgot', component: () => import('./views/forgot/index.vue'), meta: { public: true, title: '找回密码' } },
  {
    path: '/',
    component: () => import('./Layout.vue'),
    children: [
      { path: '', name: 'home', component: () => import('./views/home/index.vue'), meta: { title: '首页' } },
      { path: 'notifications', name: 'notifications', component: () => import('./views/notifications/index.vue'), meta: { title: '消息' } },
      { path: 'profile', name: 'profile', component: () => import('./views/profile/index.vue'), meta: { title: '企业资料' } },
      { path: 'customers', name: 'customers', component: () => import('./views/customers/index.vue'), meta: { title: '客户管理' } },
      { path: 'customers/:code', name: 'customer-detail', component: () => import('./views/customer-detail/index.vue'), meta: { title: '客户详情' } },
      { path: 'imports', name: 'imports', component: () => import('./views/imports/index.vue'), meta: { title: '数据导入', permission: 'admin' } },
      { path: 'imports/history', name: 'import-history', component: () => import('./views/import-history/index.vue'), meta: { title: '导入记录', permission: 'admin' } },
      { path: 'integration', name: 'integration', component: () => import('./views/integration/index.vue'), meta: { title: '数据对接', permission: 'admin' } },
      { path: 'analysis', name: 'analysis', component: () => import('./views/analysis/index.vue'), meta: { title: '客户分析', permission: 'admin' } },
      { path: 'analyses', name: 'analyses', component: () => import('./views/analyses/index.vue'), meta: { title: '分析记录' } },
      { path: 'analyses/:id', name: 'analysis-detail', component: () => import('./views/analysis-detail/index.vue'), meta: { title: '分析详情' } },
      { path: 'comparisons', name: 'comparisons', component: () => import('./views/comparisons/index.vue'), meta: { title: '客户对比分析' } },
      { path: 'plans', name: 'plans', component: () => import('./views/plans/index.vue'), meta: { title: '营销方案市场' } },
      { path: 'plans/mine', name: 'my-plans', component: () => import('./views/plans/mine.vue'), meta: { title: '我的方案', permission: 'admin' } },
      { path: 'plans/submit', name: 'plan-submit', component: () => import('./views/plans/submit.vue'), meta: { title: '投稿营销方案', permission: 'admin' } },
      { path: 'plans/:id', name: 'plan-detail', component: () => import('./views/plans/detail.vue'), meta: { title: '方案详情' } },
      { path: 'plans/:id/edit', name: 'plan-edit', component: () => import('./views/plans/submit.vue'), meta: { title: '修改方案', permission: 'admin' } },
      { path: 'segments', name: 'segments', component: () => import('./views/segments/index.vue'), meta: { title: '人群圈选' } },
      { path: 'segments/new', name: 'segment-new', component: () => import('./views/segments/edit.vue'), meta: { title: '新建人群' } },
      { path: 'sms/templates', name: 'sms-templates', component: () => import('./views/sms-templates/index.vue'), meta: { title: '短信模板' } },
      { path: 'sms/settings', name: 'sms-settings', component: () => import('./views/sms-settings/index.vue'), meta: { title: '短信设置', permission: 'admin' } },
      { path: 'opt-outs', name: 'opt-outs', component: () => import('./views/opt-outs/index.vue'), meta: { title: '退订名单' } },
      { path: 'campaigns', name: 'campaigns', component: () => import('./views/campaigns/index.vue'), meta: { title: '营销活动' } },
      { path: 'campaigns/new', name: 'campaign-new', component: () => import('./views/campaigns/new.vue'), meta: { title: '新建短信活动', permission: 'edit' } },
      { path: 'campaigns/:id/edit', name: 'campaign-edit', component: () => import('./views/campaigns/new.vue'), meta: { title: '编辑短信活动', permission: 'edit' } },
      { path: 'campaigns/:id', name: 'campaign-detail', component: () => import('./views/campaigns/detail.vue'), meta: { title: '活动详情' } },
      { path: 'accounts', name: 'accounts', component: () => import('./views/accounts/index.vue'), meta: { title: '子账号', permission: 'admin' } },
      { path: 'segments/:id', name: 'segment-edit', component: () => import('./views/segments/edit.vue'), meta: { title: '编辑人群' } },
    ],
  },
  // The printable report stands outside the portal's frame: nothing but the report is printed.
  { path: '/analyses/:id/report', name: 'analysis-report', component: () => import('./views/report/index.vue'), meta: { title: '分析报告' } },
  { path: '/:pathMatch(.*)*', redirect: '/' },
]

const router = createRouter({ history: createWebHashHistory(), routes })
requireToken(router, tokens)
requirePermission(router)
router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} - ${PRODUCT}` : PRODUCT
})

export default router
