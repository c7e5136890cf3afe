"""Fee states (交费管理) as pure functions of dates: no storage, no clock."""
