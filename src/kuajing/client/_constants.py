"""Policy numbers of the SDK, each with its unit in the name."""

DEFAULT_TIMEOUT_S = 30.0
DEFAULT_MAX_RETRIES = 2
INITIAL_RETRY_DELAY_S = 0.5
MAX_RETRY_DELAY_S = 8.0
MAX_RETRY_AFTER_S = 60.0  # a server asking for longer than this is not waited for
RETRY_JITTER = 0.25  # a backoff delay is shortened by up to 25 % at random
ENV_BASE_URL = "KUAJING_BASE_URL"
ENV_ACCESS_KEY = "KUAJING_ACCESS_KEY"
ENV_ACCESS_SECRET = "KUAJING_ACCESS_SECRET"
ENV_USER_ID = "KUAJING_USER_ID"
