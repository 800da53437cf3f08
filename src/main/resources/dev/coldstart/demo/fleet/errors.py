class FleetError(Exception):
    """Raised when a robot cannot do what it was told."""
