"""gunicorn settings for Haven (`gunicorn -c deploy/gunicorn.conf.py cms.wsgi`).

Two sync workers per core by default: Haven's requests are short and mostly wait on
PostgreSQL and Redis. Override with WEB_CONCURRENCY; PORT/HOST choose the address.
The access log leaves out query strings: a ZIP code or a search term is personal.
"""

import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Recycle workers now and then so a slow leak never becomes an outage.
max_requests = 2000
max_requests_jitter = 200
# Behind Varnish, a load balancer or a CDN on the same host or network.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# %(U)s is the path without its query string.
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms'
errorlog = "-"
