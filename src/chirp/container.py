"""The composition root: the one place that knows which adapter serves which port."""

from __future__ import annotations

from datetime import timedelta

from dependency_injector import containers, providers

from adapters.persistence.memory.factory import MemoryUnitOfWorkFactory
from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.unit_of_work_factory import SqlUnitOfWorkFactory
from adapters.security.argon2_hasher import Argon2Parameters, Argon2PasswordHasher
from adapters.security.tokens import RandomTokenMinter
from adapters.system.clock import SystemClock
from adapters.system.ids import UlidGenerator
from application.accounts.get_profile import GetProfile
from application.accounts.login import LogIn, LoginPolicy
from application.accounts.me import ChangePassword, EditProfile, GetMe
from application.accounts.sessions import Authenticate, LogOut
from application.accounts.signup import SignUp
from application.health import CheckHealth
from chirp.settings import Settings


class Core(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    clock = providers.Singleton(SystemClock)
    ids = providers.Singleton(UlidGenerator)
    hasher = providers.Singleton(
        Argon2PasswordHasher,
        providers.Factory(
            Argon2Parameters,
            memory_kib=settings.provided.argon2_memory_kib,
            time_cost=settings.provided.argon2_time_cost,
        ),
    )
    minter = providers.Singleton(RandomTokenMinter)

    engine = providers.Singleton(create_engine, settings.provided.database_url)
    uow = providers.Selector(
        settings.provided.storage,
        memory=providers.Singleton(MemoryUnitOfWorkFactory),
        sql=providers.Singleton(SqlUnitOfWorkFactory, engine),
    )


class UseCases(containers.DeclarativeContainer):
    core = providers.DependenciesContainer()
    settings = providers.Dependency(instance_of=Settings)

    login_policy = providers.Singleton(
        LoginPolicy,
        token_lifetime=providers.Factory(timedelta, days=settings.provided.token_lifetime_days),
        failure_window=providers.Factory(
            timedelta, minutes=settings.provided.login_failure_window_minutes
        ),
        max_failures=settings.provided.login_max_failures,
    )
    sign_up = providers.Singleton(SignUp, core.uow, core.hasher, core.clock, core.ids)
    log_in = providers.Singleton(
        LogIn, core.uow, core.hasher, core.minter, core.clock, login_policy
    )
    authenticate = providers.Singleton(Authenticate, core.uow, core.minter, core.clock)
    log_out = providers.Singleton(LogOut, core.uow, core.minter)
    get_me = providers.Singleton(GetMe, core.uow)
    edit_profile = providers.Singleton(EditProfile, core.uow)
    change_password = providers.Singleton(ChangePassword, core.uow, core.hasher, core.minter)
    get_profile = providers.Singleton(GetProfile, core.uow)
    check_health = providers.Singleton(CheckHealth, core.uow)


class Container(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    core = providers.Container(Core, settings=settings)
    use_cases = providers.Container(UseCases, core=core, settings=settings)


def build_container(settings: Settings | None = None) -> Container:
    return Container(settings=settings or Settings.from_env())
