"""The one place that builds the app's services from a database URL (used by the CLI and the desktop app)."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from tracker.errors import TrackerError
from tracker.paths import database_url
from tracker.persistence.database import UnitOfWork, make_engine
from tracker.persistence.migrate import upgrade
from tracker.persistence.urls import display_url
from tracker.services.bodies import BodyService
from tracker.services.cycles import CycleService
from tracker.services.demo import DemoService
from tracker.services.history import HistoryService
from tracker.services.meetings import MeetingService
from tracker.services.recommendations import RecommendationService
from tracker.services.settings import SettingsService
from tracker.services.votes import VoteService


@dataclass
class Services:
    url: str
    uow: UnitOfWork
    cycles: CycleService
    recommendations: RecommendationService
    demo: DemoService
    history: HistoryService
    settings: SettingsService
    bodies: BodyService
    meetings: MeetingService
    votes: VoteService
    backup: Path | None  # the backup written before migrating, if one was
    user: str = ""
    _imports: object = None

    @property
    def imports(self):
        """Reading documents pulls in pypdf, python-docx and many patterns: built on first use only."""
        if self._imports is None:
            from tracker.services.importing import ImportService

            self._imports = ImportService(self.uow, self.user)
        return self._imports

    @property
    def corrections(self):
        """Correcting the register by hand (the same for the app and `tracker recommendation …`)."""
        from tracker.services.corrections import CorrectionService

        return CorrectionService(self.uow, self.user)

    @property
    def asked_before(self):
        """The register across years: earlier recommendations asking for the same thing, and links."""
        from tracker.services.asked_before import AskedBeforeService

        return AskedBeforeService(self.uow, self.user)

    @property
    def dashboard(self):
        """The dashboard's figures, meetings and first-start check in one read."""
        from tracker.services.dashboard import DashboardService

        return DashboardService(self.uow, self.cycles, self.meetings)

    @property
    def analytics(self):
        """The register in figures across cycles, and every follow-up in one list."""
        from tracker.services.analytics import AnalyticsService

        return AnalyticsService(self.uow, self.cycles.due_soon_days)

    def dispose(self) -> None:
        self.uow.engine.dispose()


def current_user(configured: str = "") -> str:
    """TRACKER_USER, else the name set in Settings on this computer, else the operating-system login."""
    explicit = os.environ.get("TRACKER_USER") or configured
    if explicit:
        return explicit
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): still record something honest
        return "unknown user"


def open_services(url: str | None = None, user: str | None = None, *, create: bool = True) -> Services:
    """Open (and migrate, after a backup) the store, and build the services over it. With create=False
    (a command that only reads) a store that does not exist yet is refused rather than created."""
    resolved = database_url(url, create_folder=create)
    try:
        engine = make_engine(resolved, create=create)
        backup = upgrade(engine, resolved)
    except ModuleNotFoundError as exc:
        if exc.name in ("psycopg", "psycopg2"):
            raise TrackerError(
                "the PostgreSQL driver is not installed: pip install 'pcp-tracker[postgres]' (or psycopg[binary])"
            ) from None
        raise
    except DBAPIError as exc:  # the server cannot be reached, refuses us, or a connection option is wrong
        reason = (str(exc.orig or exc).strip().splitlines() or ["no reason given"])[0]
        raise TrackerError(f"cannot open the store {display_url(resolved)}: {reason}") from None
    uow = UnitOfWork(engine)
    settings = SettingsService(uow, "")
    who = user or current_user(settings.user_name())
    settings.user = who
    clear_days = settings.clear_days_rule()
    cycles = CycleService(uow, who, due_soon_days=settings.due_soon_days, clear_days=clear_days)
    return Services(
        url=resolved,
        uow=uow,
        cycles=cycles,
        recommendations=RecommendationService(uow, who),
        demo=DemoService(uow, who),
        history=HistoryService(uow),
        user=who,
        settings=settings,
        bodies=BodyService(uow, who),
        meetings=MeetingService(uow, who, clear_days),
        votes=VoteService(uow, who),
        backup=backup,
    )
