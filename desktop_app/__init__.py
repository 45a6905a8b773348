"""惠企政策申报助手: match Shanghai district support measures to an enterprise and draft its letters."""

__version__ = "0.1.0"
APP_NAME = "惠企政策申报助手"
