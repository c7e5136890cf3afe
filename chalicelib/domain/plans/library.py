"""The seeded pharmacy plan library: 5–6 expert plans for each of the 8 RFM classes, as data.

Each library_<class>.py holds one class's plans; library_parts.py the shape they share.
"""
from chalicelib.domain.plans import (
    library_dormant,
    library_lapsing,
    library_loyal,
    library_new,
    library_regular,
    library_rising,
    library_vip,
    library_winback,
)

# In the SPEC's class order, so a listing of the library reads from the best customers down.
PLANS = (
    library_vip.PLANS + library_rising.PLANS + library_loyal.PLANS + library_winback.PLANS
    + library_regular.PLANS + library_new.PLANS + library_lapsing.PLANS + library_dormant.PLANS
)
