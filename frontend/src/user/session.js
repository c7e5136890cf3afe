import { tokenStore } from '@/api/http'

export const tokens = tokenStore('jzyx_user_token')
