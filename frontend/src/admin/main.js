import { mountPortal } from '@/shared/bootstrap'
import App from './App.vue'
import router from './router'
import { tokens } from './session'

mountPortal({ App, router, tokens })
