"""fleet: run protocols on a fleet of lab robots.

The package re-exports its public names here for convenience. That convenience has a price:
`import fleet.version`, a one-line module, first runs this file, which imports the protocol
engine and the HTTP server and everything they import.
"""
from .errors import FleetError
from .protocols import Protocol, run_protocol
from .server import create_app
from .version import VERSION

__all__ = ["FleetError", "Protocol", "VERSION", "create_app", "run_protocol"]
