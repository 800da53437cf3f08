"""Heavy imports used only in functions."""
import os

HOME = os.environ.get("HOME")
__all__ = ["dump", "parse", "Reader"]


def dump(x):
    """Serialize."""
    import json
    return json.dumps(x)


def parse(text):
    import json
    import xml.dom.minidom as minidom
    doc = minidom.parseString(text)
    return json.loads(doc.documentElement.getAttribute("data"))


class Reader:
    def read(self, text):
        import json
        def inner():
            return json.loads(text)

        return inner()
