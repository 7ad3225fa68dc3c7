"""The status policy: which totals states come from and how long a silence after a handover makes a term stalled."""

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Request

from app.core.config import Settings

Basis = Literal["reported", "verified"]


@dataclass(frozen=True)
class StatusPolicy:
    """The settings every figure and state is computed under, passed explicitly to each consumer."""

    basis: Basis
    stall_days: int

    @classmethod
    def from_settings(cls, settings: Settings) -> "StatusPolicy":
        """The policy a server, a command or an import runs under."""
        return cls(basis=settings.status_basis, stall_days=settings.stall_days)

    @property
    def tag(self) -> str:
        """A short form for validators (ETags) that must change when the policy does."""
        return f"{self.stall_days}{self.basis[0]}"


def get_policy(request: Request) -> StatusPolicy:
    """The policy of the app serving this request."""
    policy: StatusPolicy = request.app.state.policy
    return policy


async def _policy(request: Request) -> StatusPolicy:
    # Async: a dependency that costs no thread.
    return get_policy(request)


PolicyDep = Annotated[StatusPolicy, Depends(_policy)]
