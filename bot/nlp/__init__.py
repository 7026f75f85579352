"""Danish NLP: the offline spaCy pipeline and the Rasa components built on it."""

PIPELINE_NAME = "da_exitbot"
PIPELINE_VERSION = "1.0.0"
PIPELINE_DIR = f"build/{PIPELINE_NAME}-{PIPELINE_VERSION}"
