"""gunicorn settings for Haven: `gunicorn -c cms/gunicorn.conf.py cms.wsgi`.

The access log never records query strings: a search term or a ZIP code beside the
reader's address is personal data (docs/deployment.md). `%(U)s` is the path alone, where
gunicorn's default format uses `%(r)s`, the full request line with the query.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
# A request stuck on a hung dependency is ended rather than holding a worker forever;
# the database and SMTP have their own, shorter timeouts.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# Method, path without its query string, status, size, duration. No Referer (it carries
# the previous page's query) and no User-Agent.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
