"""Fees and subscriptions (交费管理): fee plans, orders and payments, and the state each tenant is in."""
