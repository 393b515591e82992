"""How every command answers a refused service call."""

import functools

import click

from tracker.core.errors import DomainError
from tracker.extensions import db


def reports_domain_errors(command):
    """Turn a refused service call into a clear message and exit status 1, writing nothing."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except DomainError as error:
            db.session.rollback()
            details = "; ".join(
                f"{field}: {', '.join(str(m) for m in messages)}"
                for field, messages in error.errors.items()
                if [str(m) for m in messages] != [str(error.message)]
            )
            suffix = f" ({details})" if details else ""
            raise click.ClickException(f"{error.message}{suffix}") from None

    return wrapper
