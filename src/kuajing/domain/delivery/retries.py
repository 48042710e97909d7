"""Retry schedules and where one attempt takes a delivery: the rules the worker (kuajing.delivery.worker) applies.

A failure with retries left is due again at ``now + schedule[n]``; times of attempts and retries are on the
developer's (sandbox) clock, so ``POST /sandbox/clock/advance`` makes retries due without waiting. The moves
themselves are the lifecycle table :data:`~kuajing.domain.delivery.states.DELIVERY`.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from kuajing.domain.delivery.states import DELIVERY, DeliveryAction, DeliveryState

PANDAPON_DELAYS_S = (1800.0,) * 5  # PandaPon: re-push after 30 minutes, at most 5 times
# 1 min, 2, 4 … doubling to a 24 h cap: 13 retries over ≈3.4 days (Stripe retries for up to 3 days)
EXPONENTIAL_DELAYS_S = tuple(float(min(60 * 2**n, 86_400)) for n in range(13))
EXPONENTIAL_JITTER = 0.2


@dataclass(frozen=True, slots=True)
class RetrySchedule:
    """Delays before retry 1, 2, …; after ``len(delays_s)`` failed retries the message is dead."""

    name: str
    delays_s: tuple[float, ...]
    jitter: float = 0.0  # ± this fraction of each delay, drawn uniformly

    @property
    def max_retries(self) -> int:
        return len(self.delays_s)

    def next_delay_ms(self, failures: int, rng: random.Random | None = None) -> int | None:
        """The delay after the ``failures``-th failed attempt of this round (from 1); None if none is left."""
        if failures < 1 or failures > len(self.delays_s):
            return None
        delay = self.delays_s[failures - 1]
        if self.jitter:
            delay *= 1 + (rng or random).uniform(-self.jitter, self.jitter)
        return max(0, int(delay * 1000))


def parse_schedule(text: str) -> RetrySchedule:
    """``pandapon`` (30 min × 5), ``exponential`` (1 min doubling to 24 h, 13 retries over ≈3.4 days,
    ±20 % jitter) or a comma-separated list of delays in seconds (``"5,300,1800"``; empty = no retries)."""
    name = text.strip().lower()
    if name == "pandapon":
        return RetrySchedule("pandapon", PANDAPON_DELAYS_S)
    if name == "exponential":
        return RetrySchedule("exponential", EXPONENTIAL_DELAYS_S, EXPONENTIAL_JITTER)
    try:
        delays = tuple(float(part) for part in name.split(",") if part.strip())
    except ValueError:
        raise ValueError(
            "KUAJING_DELIVERY_RETRY_SCHEDULE must be 'pandapon', 'exponential' or seconds like"
            f" '5,300,1800'; got {text!r}"
        ) from None
    if any(d < 0 for d in delays):
        raise ValueError("KUAJING_DELIVERY_RETRY_SCHEDULE delays must not be negative")
    return RetrySchedule("custom", delays)


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where a delivery goes after one attempt."""

    state: DeliveryState
    next_attempt_at_ms: int | None


def after_attempt(
    *,
    state: DeliveryState,
    ok: bool,
    permanent: bool,
    round_failures: int,
    now_ms: int,
    schedule: RetrySchedule,
    rng: random.Random | None = None,
) -> Outcome:
    """Where a delivery claimed in ``state`` goes; ``round_failures`` counts this failed attempt too (1 after the
    first failure of a round)."""
    if ok:
        return Outcome(DELIVERY.next_state(state, DeliveryAction.DELIVER), None)
    if permanent:
        return Outcome(DELIVERY.next_state(state, DeliveryAction.REJECT), None)
    delay = schedule.next_delay_ms(round_failures, rng)
    if delay is None:
        return Outcome(DELIVERY.next_state(state, DeliveryAction.GIVE_UP), None)
    return Outcome(DELIVERY.next_state(state, DeliveryAction.RETRY), now_ms + delay)
