"""The HTTP API of a robot: routes, JSON bodies, a small database of runs."""
import email.message
import http.server
import json
import logging.handlers
import sqlite3
import xml.dom.minidom

log = logging.getLogger(__name__)


def create_app(db_path=":memory:"):
    db = sqlite3.connect(db_path)
    db.execute("create table if not exists runs (id integer primary key, body text)")
    return _App(db)


class _App:
    def __init__(self, db):
        self.db = db

    def handle(self, body):
        msg = email.message.EmailMessage()
        msg.set_content(json.dumps(body))
        self.db.execute("insert into runs (body) values (?)", (msg.get_content(),))
        return http.server.BaseHTTPRequestHandler.responses[200][0]

    def status_xml(self):
        return xml.dom.minidom.parseString("<status ok='1'/>").toxml()
