
use builtin;
use str;

set edit:completion:arg-completer[tab] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'tab'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'tab'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand login 'Sign in as a new device session and keep its token'
            cand logout 'Sign this device out on the server and forget its token'
            cand status 'Show the server, who you are, this session and where its token is kept'
            cand token 'Print this profile''s token on standard output, for scripts (`TAB_TOKEN`)'
            cand sessions 'List your sessions, or revoke them (bare `tab sessions` lists)'
            cand admin 'For the firm''s administrators: other accounts'' sessions, offboarding, the record'
            cand server 'Run the reference TAB server, or manage its accounts'
            cand completions 'Print a shell completion script'
            cand demo 'Show the whole job in one command, against a throwaway local server'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tab;login'= {
            cand --email 'The account''s email (prompted for in a terminal when missing)'
            cand --label 'How this session is named in the list [default: tab on <hostname> (<OS>)]'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --web 'Approve the sign-in in this computer''s browser instead of typing a password'
            cand --device 'Approve the sign-in in a browser on any device with a one-time code (for a box without one, over SSH)'
            cand --password-stdin 'Read the password from standard input (one line) instead of prompting'
            cand --insecure-storage 'Keep the token in a 0600 file in the config directory instead of the system keyring (remembered for the profile)'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;logout'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --local 'Forget the token on this machine without telling the server (when the server is gone for good); the session stays live there until it expires or is revoked'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;status'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --all 'Every profile: its server, user and where its token is, like `gh auth status`'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;token'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;sessions'= {
            cand --kind 'Only sessions of this kind (repeat for several)'
            cand --idle-for 'Only sessions not seen for at least this long: 30d, 12h, 90m'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand --wide 'Show whole ids and when each session expires'
            cand --all 'Also sessions signed out or expired within the last 7 days'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List your live sessions, most recently seen first'
            cand ls 'List your live sessions, most recently seen first'
            cand revoke 'Sign out sessions by id (full, or a unique prefix of at least 4 characters)'
            cand rm 'Sign out sessions by id (full, or a unique prefix of at least 4 characters)'
            cand revoke-others 'Sign out every session but this one, or those of some kinds or idle for long'
            cand ack 'Say a new-device sign-in was you: its alert goes, on every device'
            cand rename 'Name one of your sessions (this device''s included) as the list shows it'
            cand history 'What happened to your sessions, newest first: sign-ins, sign-outs, revokes, expiries'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tab;sessions;list'= {
            cand --kind 'Only sessions of this kind (repeat for several)'
            cand --idle-for 'Only sessions not seen for at least this long: 30d, 12h, 90m'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand --wide 'Show whole ids and when each session expires'
            cand --all 'Also sessions signed out or expired within the last 7 days'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;sessions;ls'= {
            cand --kind 'Only sessions of this kind (repeat for several)'
            cand --idle-for 'Only sessions not seen for at least this long: 30d, 12h, 90m'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand --wide 'Show whole ids and when each session expires'
            cand --all 'Also sessions signed out or expired within the last 7 days'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;sessions;revoke'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;sessions;rm'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;sessions;revoke-others'= {
            cand --kind 'Only sessions of this kind (repeat for several)'
            cand --idle-for 'Only sessions not seen for at least this long: 30d, 12h, 90m'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand --dry-run 'List what would be signed out and change nothing'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;sessions;ack'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --all 'Every alert there is now'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;sessions;rename'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --current 'Rename this device''s session: `tab sessions rename --current "Office laptop"`'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;sessions;history'= {
            cand --limit 'How many events, newest first (1 to 500)'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;sessions;help'= {
            cand list 'List your live sessions, most recently seen first'
            cand revoke 'Sign out sessions by id (full, or a unique prefix of at least 4 characters)'
            cand revoke-others 'Sign out every session but this one, or those of some kinds or idle for long'
            cand ack 'Say a new-device sign-in was you: its alert goes, on every device'
            cand rename 'Name one of your sessions (this device''s included) as the list shows it'
            cand history 'What happened to your sessions, newest first: sign-ins, sign-outs, revokes, expiries'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tab;sessions;help;list'= {
        }
        &'tab;sessions;help;revoke'= {
        }
        &'tab;sessions;help;revoke-others'= {
        }
        &'tab;sessions;help;ack'= {
        }
        &'tab;sessions;help;rename'= {
        }
        &'tab;sessions;help;history'= {
        }
        &'tab;sessions;help;help'= {
        }
        &'tab;admin'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand users 'List the firm''s accounts by email: role, live sessions, when last seen'
            cand sessions 'See or end another account''s sessions'
            cand offboard 'Disable leavers'' accounts and sign out every session of theirs, on the record'
            cand history 'What happened to another account''s sessions, newest first'
            cand audit 'Every administrator''s and the server operator''s action, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tab;admin;users'= {
            cand --role 'Only accounts with this role'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --disabled 'Only disabled accounts'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;admin;sessions'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List an account''s live sessions, most recently seen first'
            cand ls 'List an account''s live sessions, most recently seen first'
            cand revoke 'Sign out sessions of an account by id (or unique prefix), or all of them (--all)'
            cand rm 'Sign out sessions of an account by id (or unique prefix), or all of them (--all)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tab;admin;sessions;list'= {
            cand --user 'The account''s email'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --all 'Also sessions signed out or expired within the last 7 days'
            cand --wide 'Show whole ids and when each session expires'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;admin;sessions;ls'= {
            cand --user 'The account''s email'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --all 'Also sessions signed out or expired within the last 7 days'
            cand --wide 'Show whole ids and when each session expires'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;admin;sessions;revoke'= {
            cand --user 'The account''s email'
            cand --kind 'Only sessions of this kind (repeat for several)'
            cand --idle-for 'Only sessions not seen for at least this long: 30d, 12h, 90m'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --all 'Every live session of the account (or those --kind and --idle-for name, which need --all)'
            cand --dry-run 'With --all: list what would be signed out and change nothing'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;admin;sessions;rm'= {
            cand --user 'The account''s email'
            cand --kind 'Only sessions of this kind (repeat for several)'
            cand --idle-for 'Only sessions not seen for at least this long: 30d, 12h, 90m'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --all 'Every live session of the account (or those --kind and --idle-for name, which need --all)'
            cand --dry-run 'With --all: list what would be signed out and change nothing'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;admin;sessions;help'= {
            cand list 'List an account''s live sessions, most recently seen first'
            cand revoke 'Sign out sessions of an account by id (or unique prefix), or all of them (--all)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tab;admin;sessions;help;list'= {
        }
        &'tab;admin;sessions;help;revoke'= {
        }
        &'tab;admin;sessions;help;help'= {
        }
        &'tab;admin;offboard'= {
            cand --users-from 'Read the emails from this file, one a line (`-` for standard input)'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --dry-run 'Say what would happen and change nothing'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;admin;history'= {
            cand --user 'The account''s email'
            cand --limit 'How many events, newest first (1 to 500)'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;admin;audit'= {
            cand --limit 'How many entries, newest first (1 to 500)'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;admin;help'= {
            cand users 'List the firm''s accounts by email: role, live sessions, when last seen'
            cand sessions 'See or end another account''s sessions'
            cand offboard 'Disable leavers'' accounts and sign out every session of theirs, on the record'
            cand history 'What happened to another account''s sessions, newest first'
            cand audit 'Every administrator''s and the server operator''s action, newest first'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tab;admin;help;users'= {
        }
        &'tab;admin;help;sessions'= {
            cand list 'List an account''s live sessions, most recently seen first'
            cand revoke 'Sign out sessions of an account by id (or unique prefix), or all of them (--all)'
        }
        &'tab;admin;help;sessions;list'= {
        }
        &'tab;admin;help;sessions;revoke'= {
        }
        &'tab;admin;help;offboard'= {
        }
        &'tab;admin;help;history'= {
        }
        &'tab;admin;help;audit'= {
        }
        &'tab;admin;help;help'= {
        }
        &'tab;server'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand serve 'Serve the TAB sessions API (SIGTERM drains requests in flight and exits 0)'
            cand user 'Manage accounts'
            cand purge 'Delete sessions that ended (revoked or expired) before the retention window, with their history, and audit entries past theirs'
            cand backup 'Write an online, consistent copy of a SQLite database to a new private file'
            cand check 'Check what `tab server serve` would start with, without starting it: the options, the database, its migrations and file modes, and where the signing key comes from'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tab;server;serve'= {
            cand --listen 'The address to listen on'
            cand --database 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]'
            cand --max-connections 'Connections open at once; more wait until one closes'
            cand --header-timeout 'Seconds a client has to send a request''s headers (also the keep-alive idle limit)'
            cand --request-timeout 'Seconds a whole request may take, body and answer included'
            cand --public-url 'The URL browsers reach the server at, behind a TLS-terminating proxy; an https URL makes the session cookie __Host-tab_session and Secure'
            cand --trusted-proxy 'A proxy in front of the server (an address or a CIDR block such as 10.0.0.0/8; repeatable) whose X-Forwarded-For names the client: sign-in limits, and each session''s address, then count the client''s address, not the proxy''s'
            cand --smtp-url 'Mail each account about its new-device sign-ins through this SMTP server: smtps://HOST:PORT (TLS), smtp://HOST:PORT?tls=required (STARTTLS), or smtp://HOST:PORT (unencrypted, for a relay on this machine); a user name may be in the URL, its password in TAB_SMTP_PASSWORD. Needs --mail-from'
            cand --mail-from 'The sender of the alert mail: tab@example.com or "TAB <tab@example.com>"'
            cand --metrics-listen 'Serve Prometheus metrics at http://ADDR/metrics (and the health probes) on a listener of their own, never on the public one; off when not given'
            cand --metrics-refresh 'How often the live-session gauge is read (tests shorten it)'
            cand --retention 'Purge sessions that ended longer ago than this (90d, 26w, 1y), with their history, soon after start and then every hour; off when not given'
            cand --audit-retention 'With --retention: purge administrators'' audit entries older than this'
            cand --mail-interval 'The least time between two alert mails to one account (tests shorten it)'
            cand --mail-first-retry 'The wait after a first failed try to send an alert mail (tests shorten it)'
            cand --mail-give-up-after 'How long after a sign-in its alert mail is still tried (tests shorten it)'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;server;user'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand add 'Create an account'
            cand list 'List the accounts: email, name, role, live sessions, and whether failed sign-ins lock the email out now'
            cand set-password 'Give an account a new password, and sign every one of its sessions out (unless --keep-sessions)'
            cand set-role 'Give an account a role (accountant, manager or admin)'
            cand disable 'Disable an account: no sign-in succeeds, and every session of it is signed out'
            cand enable 'Let a disabled account sign in again'
            cand unlock 'Lift the sign-in limits that block an email (its failed sign-ins and the account''s count of sign-ins), or with --address those of a client address'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tab;server;user;add'= {
            cand --email 'The sign-in email (unique, whatever its letter case)'
            cand --name 'The display name'
            cand --role 'The role'
            cand --database 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --password-stdin 'Read the password from standard input (one line); without it a terminal prompts'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;server;user;list'= {
            cand --database 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;server;user;set-password'= {
            cand --email 'The same, as a flag'
            cand --database 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --password-stdin 'Read the password from standard input (one line); without it a terminal prompts'
            cand --keep-sessions 'Keep the account''s sessions signed in (by default every one is signed out: a password is usually reset because someone else may have it)'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;server;user;set-role'= {
            cand --database 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;server;user;disable'= {
            cand --email 'The same, as a flag'
            cand --database 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;server;user;enable'= {
            cand --email 'The same, as a flag'
            cand --database 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;server;user;unlock'= {
            cand --email 'The same, as a flag (as the other `server user` verbs take it)'
            cand --address 'Lift the limit on failed sign-ins from this client address instead (an IPv6 address counts for its /64)'
            cand --database 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;server;user;help'= {
            cand add 'Create an account'
            cand list 'List the accounts: email, name, role, live sessions, and whether failed sign-ins lock the email out now'
            cand set-password 'Give an account a new password, and sign every one of its sessions out (unless --keep-sessions)'
            cand set-role 'Give an account a role (accountant, manager or admin)'
            cand disable 'Disable an account: no sign-in succeeds, and every session of it is signed out'
            cand enable 'Let a disabled account sign in again'
            cand unlock 'Lift the sign-in limits that block an email (its failed sign-ins and the account''s count of sign-ins), or with --address those of a client address'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tab;server;user;help;add'= {
        }
        &'tab;server;user;help;list'= {
        }
        &'tab;server;user;help;set-password'= {
        }
        &'tab;server;user;help;set-role'= {
        }
        &'tab;server;user;help;disable'= {
        }
        &'tab;server;user;help;enable'= {
        }
        &'tab;server;user;help;unlock'= {
        }
        &'tab;server;user;help;help'= {
        }
        &'tab;server;purge'= {
            cand --older-than 'Delete sessions that ended longer ago than this (90d, 26w, 1y)'
            cand --audit-retention 'Delete administrators'' audit entries older than this'
            cand --database 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --dry-run 'Count what would be deleted, and delete nothing'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;server;backup'= {
            cand --database 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;server;check'= {
            cand --listen 'The address to listen on'
            cand --database 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]'
            cand --max-connections 'Connections open at once; more wait until one closes'
            cand --header-timeout 'Seconds a client has to send a request''s headers (also the keep-alive idle limit)'
            cand --request-timeout 'Seconds a whole request may take, body and answer included'
            cand --public-url 'The URL browsers reach the server at, behind a TLS-terminating proxy; an https URL makes the session cookie __Host-tab_session and Secure'
            cand --trusted-proxy 'A proxy in front of the server (an address or a CIDR block such as 10.0.0.0/8; repeatable) whose X-Forwarded-For names the client: sign-in limits, and each session''s address, then count the client''s address, not the proxy''s'
            cand --smtp-url 'Mail each account about its new-device sign-ins through this SMTP server: smtps://HOST:PORT (TLS), smtp://HOST:PORT?tls=required (STARTTLS), or smtp://HOST:PORT (unencrypted, for a relay on this machine); a user name may be in the URL, its password in TAB_SMTP_PASSWORD. Needs --mail-from'
            cand --mail-from 'The sender of the alert mail: tab@example.com or "TAB <tab@example.com>"'
            cand --metrics-listen 'Serve Prometheus metrics at http://ADDR/metrics (and the health probes) on a listener of their own, never on the public one; off when not given'
            cand --metrics-refresh 'How often the live-session gauge is read (tests shorten it)'
            cand --retention 'Purge sessions that ended longer ago than this (90d, 26w, 1y), with their history, soon after start and then every hour; off when not given'
            cand --audit-retention 'With --retention: purge administrators'' audit entries older than this'
            cand --mail-interval 'The least time between two alert mails to one account (tests shorten it)'
            cand --mail-first-retry 'The wait after a first failed try to send an alert mail (tests shorten it)'
            cand --mail-give-up-after 'How long after a sign-in its alert mail is still tried (tests shorten it)'
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand --json 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;server;help'= {
            cand serve 'Serve the TAB sessions API (SIGTERM drains requests in flight and exits 0)'
            cand user 'Manage accounts'
            cand purge 'Delete sessions that ended (revoked or expired) before the retention window, with their history, and audit entries past theirs'
            cand backup 'Write an online, consistent copy of a SQLite database to a new private file'
            cand check 'Check what `tab server serve` would start with, without starting it: the options, the database, its migrations and file modes, and where the signing key comes from'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tab;server;help;serve'= {
        }
        &'tab;server;help;user'= {
            cand add 'Create an account'
            cand list 'List the accounts: email, name, role, live sessions, and whether failed sign-ins lock the email out now'
            cand set-password 'Give an account a new password, and sign every one of its sessions out (unless --keep-sessions)'
            cand set-role 'Give an account a role (accountant, manager or admin)'
            cand disable 'Disable an account: no sign-in succeeds, and every session of it is signed out'
            cand enable 'Let a disabled account sign in again'
            cand unlock 'Lift the sign-in limits that block an email (its failed sign-ins and the account''s count of sign-ins), or with --address those of a client address'
        }
        &'tab;server;help;user;add'= {
        }
        &'tab;server;help;user;list'= {
        }
        &'tab;server;help;user;set-password'= {
        }
        &'tab;server;help;user;set-role'= {
        }
        &'tab;server;help;user;disable'= {
        }
        &'tab;server;help;user;enable'= {
        }
        &'tab;server;help;user;unlock'= {
        }
        &'tab;server;help;purge'= {
        }
        &'tab;server;help;backup'= {
        }
        &'tab;server;help;check'= {
        }
        &'tab;server;help;help'= {
        }
        &'tab;completions'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --timeout 'Give up on the server after this many seconds'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;demo'= {
            cand --server 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)'
            cand --profile 'Which saved sign-in to use; profiles keep separate servers and tokens'
            cand --timeout 'Give up on the server after this many seconds'
            cand --color 'When to use colour (NO_COLOR is honoured under `auto`)'
            cand --serve 'Keep the demo server running, the other devices still signed in, and print how to point `tab` at it and the demo account''s throwaway password'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'tab;help'= {
            cand login 'Sign in as a new device session and keep its token'
            cand logout 'Sign this device out on the server and forget its token'
            cand status 'Show the server, who you are, this session and where its token is kept'
            cand token 'Print this profile''s token on standard output, for scripts (`TAB_TOKEN`)'
            cand sessions 'List your sessions, or revoke them (bare `tab sessions` lists)'
            cand admin 'For the firm''s administrators: other accounts'' sessions, offboarding, the record'
            cand server 'Run the reference TAB server, or manage its accounts'
            cand completions 'Print a shell completion script'
            cand demo 'Show the whole job in one command, against a throwaway local server'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'tab;help;login'= {
        }
        &'tab;help;logout'= {
        }
        &'tab;help;status'= {
        }
        &'tab;help;token'= {
        }
        &'tab;help;sessions'= {
            cand list 'List your live sessions, most recently seen first'
            cand revoke 'Sign out sessions by id (full, or a unique prefix of at least 4 characters)'
            cand revoke-others 'Sign out every session but this one, or those of some kinds or idle for long'
            cand ack 'Say a new-device sign-in was you: its alert goes, on every device'
            cand rename 'Name one of your sessions (this device''s included) as the list shows it'
            cand history 'What happened to your sessions, newest first: sign-ins, sign-outs, revokes, expiries'
        }
        &'tab;help;sessions;list'= {
        }
        &'tab;help;sessions;revoke'= {
        }
        &'tab;help;sessions;revoke-others'= {
        }
        &'tab;help;sessions;ack'= {
        }
        &'tab;help;sessions;rename'= {
        }
        &'tab;help;sessions;history'= {
        }
        &'tab;help;admin'= {
            cand users 'List the firm''s accounts by email: role, live sessions, when last seen'
            cand sessions 'See or end another account''s sessions'
            cand offboard 'Disable leavers'' accounts and sign out every session of theirs, on the record'
            cand history 'What happened to another account''s sessions, newest first'
            cand audit 'Every administrator''s and the server operator''s action, newest first'
        }
        &'tab;help;admin;users'= {
        }
        &'tab;help;admin;sessions'= {
            cand list 'List an account''s live sessions, most recently seen first'
            cand revoke 'Sign out sessions of an account by id (or unique prefix), or all of them (--all)'
        }
        &'tab;help;admin;sessions;list'= {
        }
        &'tab;help;admin;sessions;revoke'= {
        }
        &'tab;help;admin;offboard'= {
        }
        &'tab;help;admin;history'= {
        }
        &'tab;help;admin;audit'= {
        }
        &'tab;help;server'= {
            cand serve 'Serve the TAB sessions API (SIGTERM drains requests in flight and exits 0)'
            cand user 'Manage accounts'
            cand purge 'Delete sessions that ended (revoked or expired) before the retention window, with their history, and audit entries past theirs'
            cand backup 'Write an online, consistent copy of a SQLite database to a new private file'
            cand check 'Check what `tab server serve` would start with, without starting it: the options, the database, its migrations and file modes, and where the signing key comes from'
        }
        &'tab;help;server;serve'= {
        }
        &'tab;help;server;user'= {
            cand add 'Create an account'
            cand list 'List the accounts: email, name, role, live sessions, and whether failed sign-ins lock the email out now'
            cand set-password 'Give an account a new password, and sign every one of its sessions out (unless --keep-sessions)'
            cand set-role 'Give an account a role (accountant, manager or admin)'
            cand disable 'Disable an account: no sign-in succeeds, and every session of it is signed out'
            cand enable 'Let a disabled account sign in again'
            cand unlock 'Lift the sign-in limits that block an email (its failed sign-ins and the account''s count of sign-ins), or with --address those of a client address'
        }
        &'tab;help;server;user;add'= {
        }
        &'tab;help;server;user;list'= {
        }
        &'tab;help;server;user;set-password'= {
        }
        &'tab;help;server;user;set-role'= {
        }
        &'tab;help;server;user;disable'= {
        }
        &'tab;help;server;user;enable'= {
        }
        &'tab;help;server;user;unlock'= {
        }
        &'tab;help;server;purge'= {
        }
        &'tab;help;server;backup'= {
        }
        &'tab;help;server;check'= {
        }
        &'tab;help;completions'= {
        }
        &'tab;help;demo'= {
        }
        &'tab;help;help'= {
        }
    ]
    $completions[$command]
}
