"""The SDK's release version, which follows the contract's info.version."""

__version__ = "1.0.0"
