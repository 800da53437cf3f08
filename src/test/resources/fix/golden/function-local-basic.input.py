"""Heavy imports used only in functions."""
import json
import os
import xml.dom.minidom as minidom

HOME = os.environ.get("HOME")
__all__ = ["dump", "parse", "Reader"]


def dump(x):
    """Serialize."""
    return json.dumps(x)


def parse(text):
    doc = minidom.parseString(text)
    return json.loads(doc.documentElement.getAttribute("data"))


class Reader:
    def read(self, text):
        def inner():
            return json.loads(text)

        return inner()
