"""The control group: a random but reproducible share of a campaign's customers that gets no SMS.

Each (campaign, customer code) pair hashes to a number uniform in [0, 1); a customer is held out
when it falls below the share. So re-planning the same campaign holds out the same customers,
whatever else is in the list or its order, and two campaigns draw independent control groups.
"""
import hashlib

import numpy as np

_FNV_OFFSET = np.uint64(0xCBF29CE484222325)
_FNV_PRIME = np.uint64(0x100000001B3)


def _fmix64(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser: every input bit moves every output bit."""
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xFF51AFD7ED558CCD)
    h = h ^ (h >> np.uint64(33))
    h = h * np.uint64(0xC4CEB93FE53485B5)
    return h ^ (h >> np.uint64(33))


def code_hashes(codes: np.ndarray) -> np.ndarray:
    """64-bit FNV-1a over each code's characters, vectorised over the code's character columns."""
    text = np.asarray(codes, dtype=str)
    width = text.dtype.itemsize // 4
    h: np.ndarray = np.full(len(text), _FNV_OFFSET, dtype=np.uint64)
    if width == 0 or len(text) == 0:
        return h
    chars = np.ascontiguousarray(text).view(np.uint32).reshape(len(text), width).astype(np.uint64)
    for column in chars.T:
        # NUL padding (numpy pads shorter codes) is skipped, so the hash does not depend on the array's width.
        h = np.where(column != 0, (h ^ column) * _FNV_PRIME, h)
    return h


def draws(campaign_id: str, codes: np.ndarray) -> np.ndarray:
    """A number in [0, 1) per code, fixed for this campaign, independent between campaigns."""
    seed = np.uint64(int.from_bytes(hashlib.blake2b(campaign_id.encode(), digest_size=8).digest(), "big"))
    mixed = _fmix64(code_hashes(codes) ^ seed)
    return (mixed >> np.uint64(11)).astype(np.float64) / float(1 << 53)


def held_out(campaign_id: str, codes: np.ndarray, share: float) -> np.ndarray:
    """True for the customers this campaign holds back as its control group (about `share` of them)."""
    if not 0 <= share <= 1:
        raise ValueError(f"对照组比例应在 0 到 1 之间，当前为 {share}")
    if share == 0:
        return np.zeros(len(codes), dtype=bool)
    return draws(campaign_id, codes) < share
