from tests.ui.conftest import fast_idle

__all__ = ["fast_idle"]
