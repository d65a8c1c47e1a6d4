# The tests' WebDAV server: nginx with its DAV module on 127.0.0.1, its configuration, files and
# logs in $TMP, basic auth as user "pallay" with the password "kiosk secret 7". Sourced by the
# network tests after tests/lib.sh. serve_nginx picks a free port ($port) and starts it in the
# foreground of the calling shell (its PID in $ngpid); stop_nginx stops it by that PID. With
# nginx's dav-ext module installed, the folder also answers PROPFIND (a folder's listing).
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
DAV_EXT=/usr/lib/nginx/modules/ngx_http_dav_ext_module.so
WWW="$TMP/www"
DAV="$WWW/dav/pallay"
ngpid=
have_nginx() { [ -x "$NGINX" ]; }
stop_nginx() { [ -n "$ngpid" ] && kill "$ngpid" 2>/dev/null && wait "$ngpid" 2>/dev/null; ngpid=; }
mkdir -p "$WWW/dav" "$TMP/nginx"
printf 'pallay:%s\n' "$(openssl passwd -apr1 'kiosk secret 7')" >"$TMP/htpasswd"
start_nginx() {
    ext_load=; ext_methods=
    if [ -f "$DAV_EXT" ]; then ext_load="load_module $DAV_EXT;"; ext_methods="dav_ext_methods PROPFIND OPTIONS;"; fi
    cat >"$TMP/nginx.conf" <<EOF
$ext_load
daemon off;
worker_processes 1;
user $(id -un) $(id -gn);
pid $TMP/nginx/nginx.pid;
error_log $TMP/nginx/error.log;
events { worker_connections 32; }
http {
    access_log $TMP/nginx/access.log;
    client_body_temp_path $TMP/nginx/body;
    proxy_temp_path $TMP/nginx/proxy;
    fastcgi_temp_path $TMP/nginx/fastcgi;
    uwsgi_temp_path $TMP/nginx/uwsgi;
    scgi_temp_path $TMP/nginx/scgi;
    server {
        listen 127.0.0.1:$port;
        root $WWW;
        location /dav/ {
            dav_methods PUT DELETE MKCOL COPY MOVE;
            $ext_methods
            create_full_put_path on;
            dav_access user:rw;
            client_max_body_size 64m;
            auth_basic "pallay";
            auth_basic_user_file $TMP/htpasswd;
        }
    }
}
EOF
    "$NGINX" -p "$TMP/nginx" -c "$TMP/nginx.conf" 2>>"$TMP/nginx/stderr" &
    ngpid=$!
    # Up once it answers (401 without the password); gone if the port was taken.
    n=0
    until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/dav/")" = 401 ]; do
        kill -0 "$ngpid" 2>/dev/null || { wait "$ngpid" 2>/dev/null; ngpid=; return 1; }
        n=$((n + 1))
        [ $n -gt 200 ] && return 1
        sleep 0.05
    done
}
serve_nginx() {
    tries=0
    until [ $tries -ge 5 ]; do
        port=$((20000 + $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000))
        start_nginx && break
        tries=$((tries + 1))
    done
}
