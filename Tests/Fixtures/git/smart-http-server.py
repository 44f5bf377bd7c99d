#!/usr/bin/env python3
"""git's smart HTTP protocol on 127.0.0.1:PORT for tests: git-http-backend as CGI behind HTTP basic auth.

Serves the repositories below $GIT_PROJECT_ROOT at /git/<name>; the one user:password is $WGC_TEST_AUTH.
Every other path, and a request without the right Authorization header, gets 401.
"""
import base64, http.server, os, sys

class Handler(http.server.CGIHTTPRequestHandler):
    cgi_directories = ["/cgi-bin"]

    def authorised(self):
        expected = "Basic " + base64.b64encode(os.environ["WGC_TEST_AUTH"].encode()).decode()
        return self.path.startswith("/git/") and self.headers.get("Authorization") == expected

    def is_cgi(self):
        if not self.authorised():
            return False
        self.cgi_info = ("/cgi-bin", "git-http-backend" + self.path[len("/git"):])
        return True

    def send_head(self):
        if not self.authorised():
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="git"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return super().send_head()

os.chdir(sys.argv[2])  # holds cgi-bin/git-http-backend
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
