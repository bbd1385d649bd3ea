# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_tab_global_optspecs
    string join \n server= profile= color= timeout= h/help V/version
end

function __fish_tab_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_tab_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_tab_using_subcommand
    set -l cmd (__fish_tab_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c tab -n "__fish_tab_needs_command" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_needs_command" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_needs_command" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_needs_command" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_needs_command" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_needs_command" -f -a "login" -d 'Sign in as a new device session and keep its token'
complete -c tab -n "__fish_tab_needs_command" -f -a "logout" -d 'Sign this device out on the server and forget its token'
complete -c tab -n "__fish_tab_needs_command" -f -a "status" -d 'Show the server, who you are, this session and where its token is kept'
complete -c tab -n "__fish_tab_needs_command" -f -a "token" -d 'Print this profile\'s token on standard output, for scripts (`TAB_TOKEN`)'
complete -c tab -n "__fish_tab_needs_command" -f -a "sessions" -d 'List your sessions, or revoke them (bare `tab sessions` lists)'
complete -c tab -n "__fish_tab_needs_command" -f -a "admin" -d 'For the firm\'s administrators: other accounts\' sessions, offboarding, the record'
complete -c tab -n "__fish_tab_needs_command" -f -a "server" -d 'Run the reference TAB server, or manage its accounts'
complete -c tab -n "__fish_tab_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c tab -n "__fish_tab_needs_command" -f -a "demo" -d 'Show the whole job in one command, against a throwaway local server'
complete -c tab -n "__fish_tab_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tab -n "__fish_tab_using_subcommand login" -l email -d 'The account\'s email (prompted for in a terminal when missing)' -r
complete -c tab -n "__fish_tab_using_subcommand login" -l label -d 'How this session is named in the list [default: tab on <hostname> (<OS>)]' -r
complete -c tab -n "__fish_tab_using_subcommand login" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand login" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand login" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand login" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand login" -l web -d 'Approve the sign-in in this computer\'s browser instead of typing a password'
complete -c tab -n "__fish_tab_using_subcommand login" -l device -d 'Approve the sign-in in a browser on any device with a one-time code (for a box without one, over SSH)'
complete -c tab -n "__fish_tab_using_subcommand login" -l password-stdin -d 'Read the password from standard input (one line) instead of prompting'
complete -c tab -n "__fish_tab_using_subcommand login" -l insecure-storage -d 'Keep the token in a 0600 file in the config directory instead of the system keyring (remembered for the profile)'
complete -c tab -n "__fish_tab_using_subcommand login" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand login" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand logout" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand logout" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand logout" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand logout" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand logout" -l local -d 'Forget the token on this machine without telling the server (when the server is gone for good); the session stays live there until it expires or is revoked'
complete -c tab -n "__fish_tab_using_subcommand logout" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand logout" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand logout" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand status" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand status" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand status" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand status" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand status" -l all -d 'Every profile: its server, user and where its token is, like `gh auth status`'
complete -c tab -n "__fish_tab_using_subcommand status" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand status" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand token" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand token" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand token" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand token" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand token" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -l kind -d 'Only sessions of this kind (repeat for several)' -r -f -a "web\t'A browser'
desktop\t'The desktop app'
cli\t'A command-line client such as `tab`'"
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -l idle-for -d 'Only sessions not seen for at least this long: 30d, 12h, 90m' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -l wide -d 'Show whole ids and when each session expires'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -l all -d 'Also sessions signed out or expired within the last 7 days'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -f -a "list" -d 'List your live sessions, most recently seen first'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -f -a "ls" -d 'List your live sessions, most recently seen first'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -f -a "revoke" -d 'Sign out sessions by id (full, or a unique prefix of at least 4 characters)'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -f -a "rm" -d 'Sign out sessions by id (full, or a unique prefix of at least 4 characters)'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -f -a "revoke-others" -d 'Sign out every session but this one, or those of some kinds or idle for long'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -f -a "ack" -d 'Say a new-device sign-in was you: its alert goes, on every device'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -f -a "rename" -d 'Name one of your sessions (this device\'s included) as the list shows it'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -f -a "history" -d 'What happened to your sessions, newest first: sign-ins, sign-outs, revokes, expiries'
complete -c tab -n "__fish_tab_using_subcommand sessions; and not __fish_seen_subcommand_from list ls revoke rm revoke-others ack rename history help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from list" -l kind -d 'Only sessions of this kind (repeat for several)' -r -f -a "web\t'A browser'
desktop\t'The desktop app'
cli\t'A command-line client such as `tab`'"
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from list" -l idle-for -d 'Only sessions not seen for at least this long: 30d, 12h, 90m' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from list" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from list" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from list" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from list" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from list" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from list" -l wide -d 'Show whole ids and when each session expires'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from list" -l all -d 'Also sessions signed out or expired within the last 7 days'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ls" -l kind -d 'Only sessions of this kind (repeat for several)' -r -f -a "web\t'A browser'
desktop\t'The desktop app'
cli\t'A command-line client such as `tab`'"
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ls" -l idle-for -d 'Only sessions not seen for at least this long: 30d, 12h, 90m' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ls" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ls" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ls" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ls" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ls" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ls" -l wide -d 'Show whole ids and when each session expires'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ls" -l all -d 'Also sessions signed out or expired within the last 7 days'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ls" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ls" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rm" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rm" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rm" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke-others" -l kind -d 'Only sessions of this kind (repeat for several)' -r -f -a "web\t'A browser'
desktop\t'The desktop app'
cli\t'A command-line client such as `tab`'"
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke-others" -l idle-for -d 'Only sessions not seen for at least this long: 30d, 12h, 90m' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke-others" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke-others" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke-others" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke-others" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke-others" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke-others" -l dry-run -d 'List what would be signed out and change nothing'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke-others" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from revoke-others" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ack" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ack" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ack" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ack" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ack" -l all -d 'Every alert there is now'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ack" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ack" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from ack" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rename" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rename" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rename" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rename" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rename" -l current -d 'Rename this device\'s session: `tab sessions rename --current "Office laptop"`'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rename" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rename" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from rename" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from history" -l limit -d 'How many events, newest first (1 to 500)' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from history" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from history" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from history" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from history" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from history" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "list" -d 'List your live sessions, most recently seen first'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "revoke" -d 'Sign out sessions by id (full, or a unique prefix of at least 4 characters)'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "revoke-others" -d 'Sign out every session but this one, or those of some kinds or idle for long'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "ack" -d 'Say a new-device sign-in was you: its alert goes, on every device'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "rename" -d 'Name one of your sessions (this device\'s included) as the list shows it'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "history" -d 'What happened to your sessions, newest first: sign-ins, sign-outs, revokes, expiries'
complete -c tab -n "__fish_tab_using_subcommand sessions; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tab -n "__fish_tab_using_subcommand admin; and not __fish_seen_subcommand_from users sessions offboard history audit help" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and not __fish_seen_subcommand_from users sessions offboard history audit help" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and not __fish_seen_subcommand_from users sessions offboard history audit help" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand admin; and not __fish_seen_subcommand_from users sessions offboard history audit help" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and not __fish_seen_subcommand_from users sessions offboard history audit help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand admin; and not __fish_seen_subcommand_from users sessions offboard history audit help" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand admin; and not __fish_seen_subcommand_from users sessions offboard history audit help" -f -a "users" -d 'List the firm\'s accounts by email: role, live sessions, when last seen'
complete -c tab -n "__fish_tab_using_subcommand admin; and not __fish_seen_subcommand_from users sessions offboard history audit help" -f -a "sessions" -d 'See or end another account\'s sessions'
complete -c tab -n "__fish_tab_using_subcommand admin; and not __fish_seen_subcommand_from users sessions offboard history audit help" -f -a "offboard" -d 'Disable leavers\' accounts and sign out every session of theirs, on the record'
complete -c tab -n "__fish_tab_using_subcommand admin; and not __fish_seen_subcommand_from users sessions offboard history audit help" -f -a "history" -d 'What happened to another account\'s sessions, newest first'
complete -c tab -n "__fish_tab_using_subcommand admin; and not __fish_seen_subcommand_from users sessions offboard history audit help" -f -a "audit" -d 'Every administrator\'s and the server operator\'s action, newest first'
complete -c tab -n "__fish_tab_using_subcommand admin; and not __fish_seen_subcommand_from users sessions offboard history audit help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from users" -l role -d 'Only accounts with this role' -r -f -a "accountant\t'Records time and billing'
manager\t'Oversees accountants'
admin\t'Administers the firm\'s account'"
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from users" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from users" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from users" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from users" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from users" -l disabled -d 'Only disabled accounts'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from users" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from users" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from users" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from sessions" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from sessions" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from sessions" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from sessions" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from sessions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from sessions" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from sessions" -f -a "list" -d 'List an account\'s live sessions, most recently seen first'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from sessions" -f -a "ls" -d 'List an account\'s live sessions, most recently seen first'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from sessions" -f -a "revoke" -d 'Sign out sessions of an account by id (or unique prefix), or all of them (--all)'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from sessions" -f -a "rm" -d 'Sign out sessions of an account by id (or unique prefix), or all of them (--all)'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from sessions" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from offboard" -l users-from -d 'Read the emails from this file, one a line (`-` for standard input)' -r -F
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from offboard" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from offboard" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from offboard" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from offboard" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from offboard" -l dry-run -d 'Say what would happen and change nothing'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from offboard" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from offboard" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from offboard" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from history" -l user -d 'The account\'s email' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from history" -l limit -d 'How many events, newest first (1 to 500)' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from history" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from history" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from history" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from history" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from history" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from history" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from history" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from audit" -l limit -d 'How many entries, newest first (1 to 500)' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from audit" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from audit" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from audit" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from audit" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from audit" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from audit" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "users" -d 'List the firm\'s accounts by email: role, live sessions, when last seen'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "sessions" -d 'See or end another account\'s sessions'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "offboard" -d 'Disable leavers\' accounts and sign out every session of theirs, on the record'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "history" -d 'What happened to another account\'s sessions, newest first'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "audit" -d 'Every administrator\'s and the server operator\'s action, newest first'
complete -c tab -n "__fish_tab_using_subcommand admin; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tab -n "__fish_tab_using_subcommand server; and not __fish_seen_subcommand_from serve user purge backup check help" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and not __fish_seen_subcommand_from serve user purge backup check help" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand server; and not __fish_seen_subcommand_from serve user purge backup check help" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand server; and not __fish_seen_subcommand_from serve user purge backup check help" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand server; and not __fish_seen_subcommand_from serve user purge backup check help" -s h -l help -d 'Print help'
complete -c tab -n "__fish_tab_using_subcommand server; and not __fish_seen_subcommand_from serve user purge backup check help" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand server; and not __fish_seen_subcommand_from serve user purge backup check help" -f -a "serve" -d 'Serve the TAB sessions API (SIGTERM drains requests in flight and exits 0)'
complete -c tab -n "__fish_tab_using_subcommand server; and not __fish_seen_subcommand_from serve user purge backup check help" -f -a "user" -d 'Manage accounts'
complete -c tab -n "__fish_tab_using_subcommand server; and not __fish_seen_subcommand_from serve user purge backup check help" -f -a "purge" -d 'Delete sessions that ended (revoked or expired) before the retention window, with their history, and audit entries past theirs'
complete -c tab -n "__fish_tab_using_subcommand server; and not __fish_seen_subcommand_from serve user purge backup check help" -f -a "backup" -d 'Write an online, consistent copy of a SQLite database to a new private file'
complete -c tab -n "__fish_tab_using_subcommand server; and not __fish_seen_subcommand_from serve user purge backup check help" -f -a "check" -d 'Check what `tab server serve` would start with, without starting it: the options, the database, its migrations and file modes, and where the signing key comes from'
complete -c tab -n "__fish_tab_using_subcommand server; and not __fish_seen_subcommand_from serve user purge backup check help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l listen -d 'The address to listen on' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l database -d 'sqlite://PATH or postgres://... [default: sqlite:// in the platform\'s data directory]' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l max-connections -d 'Connections open at once; more wait until one closes' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l header-timeout -d 'Seconds a client has to send a request\'s headers (also the keep-alive idle limit)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l request-timeout -d 'Seconds a whole request may take, body and answer included' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l public-url -d 'The URL browsers reach the server at, behind a TLS-terminating proxy; an https URL makes the session cookie __Host-tab_session and Secure' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l trusted-proxy -d 'A proxy in front of the server (an address or a CIDR block such as 10.0.0.0/8; repeatable) whose X-Forwarded-For names the client: sign-in limits, and each session\'s address, then count the client\'s address, not the proxy\'s' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l smtp-url -d 'Mail each account about its new-device sign-ins through this SMTP server: smtps://HOST:PORT (TLS), smtp://HOST:PORT?tls=required (STARTTLS), or smtp://HOST:PORT (unencrypted, for a relay on this machine); a user name may be in the URL, its password in TAB_SMTP_PASSWORD. Needs --mail-from' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l mail-from -d 'The sender of the alert mail: tab@example.com or "TAB <tab@example.com>"' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l metrics-listen -d 'Serve Prometheus metrics at http://ADDR/metrics (and the health probes) on a listener of their own, never on the public one; off when not given' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l metrics-refresh -d 'How often the live-session gauge is read (tests shorten it)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l retention -d 'Purge sessions that ended longer ago than this (90d, 26w, 1y), with their history, soon after start and then every hour; off when not given' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l audit-retention -d 'With --retention: purge administrators\' audit entries older than this' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l mail-interval -d 'The least time between two alert mails to one account (tests shorten it)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l mail-first-retry -d 'The wait after a first failed try to send an alert mail (tests shorten it)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l mail-give-up-after -d 'How long after a sign-in its alert mail is still tried (tests shorten it)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from serve" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -s h -l help -d 'Print help'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -f -a "add" -d 'Create an account'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -f -a "list" -d 'List the accounts: email, name, role, live sessions, and whether failed sign-ins lock the email out now'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -f -a "set-password" -d 'Give an account a new password, and sign every one of its sessions out (unless --keep-sessions)'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -f -a "set-role" -d 'Give an account a role (accountant, manager or admin)'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -f -a "disable" -d 'Disable an account: no sign-in succeeds, and every session of it is signed out'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -f -a "enable" -d 'Let a disabled account sign in again'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -f -a "unlock" -d 'Lift the sign-in limits that block an email (its failed sign-ins and the account\'s count of sign-ins), or with --address those of a client address'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from user" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from purge" -l older-than -d 'Delete sessions that ended longer ago than this (90d, 26w, 1y)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from purge" -l audit-retention -d 'Delete administrators\' audit entries older than this' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from purge" -l database -d 'sqlite://PATH or postgres://... [default: sqlite:// in the platform\'s data directory]' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from purge" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from purge" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from purge" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from purge" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from purge" -l dry-run -d 'Count what would be deleted, and delete nothing'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from purge" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from purge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from purge" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from backup" -l database -d 'sqlite://PATH or postgres://... [default: sqlite:// in the platform\'s data directory]' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from backup" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from backup" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from backup" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from backup" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from backup" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from backup" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l listen -d 'The address to listen on' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l database -d 'sqlite://PATH or postgres://... [default: sqlite:// in the platform\'s data directory]' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l max-connections -d 'Connections open at once; more wait until one closes' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l header-timeout -d 'Seconds a client has to send a request\'s headers (also the keep-alive idle limit)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l request-timeout -d 'Seconds a whole request may take, body and answer included' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l public-url -d 'The URL browsers reach the server at, behind a TLS-terminating proxy; an https URL makes the session cookie __Host-tab_session and Secure' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l trusted-proxy -d 'A proxy in front of the server (an address or a CIDR block such as 10.0.0.0/8; repeatable) whose X-Forwarded-For names the client: sign-in limits, and each session\'s address, then count the client\'s address, not the proxy\'s' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l smtp-url -d 'Mail each account about its new-device sign-ins through this SMTP server: smtps://HOST:PORT (TLS), smtp://HOST:PORT?tls=required (STARTTLS), or smtp://HOST:PORT (unencrypted, for a relay on this machine); a user name may be in the URL, its password in TAB_SMTP_PASSWORD. Needs --mail-from' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l mail-from -d 'The sender of the alert mail: tab@example.com or "TAB <tab@example.com>"' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l metrics-listen -d 'Serve Prometheus metrics at http://ADDR/metrics (and the health probes) on a listener of their own, never on the public one; off when not given' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l metrics-refresh -d 'How often the live-session gauge is read (tests shorten it)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l retention -d 'Purge sessions that ended longer ago than this (90d, 26w, 1y), with their history, soon after start and then every hour; off when not given' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l audit-retention -d 'With --retention: purge administrators\' audit entries older than this' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l mail-interval -d 'The least time between two alert mails to one account (tests shorten it)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l mail-first-retry -d 'The wait after a first failed try to send an alert mail (tests shorten it)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l mail-give-up-after -d 'How long after a sign-in its alert mail is still tried (tests shorten it)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -l json -d 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from check" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Serve the TAB sessions API (SIGTERM drains requests in flight and exits 0)'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "user" -d 'Manage accounts'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "purge" -d 'Delete sessions that ended (revoked or expired) before the retention window, with their history, and audit entries past theirs'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "backup" -d 'Write an online, consistent copy of a SQLite database to a new private file'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "check" -d 'Check what `tab server serve` would start with, without starting it: the options, the database, its migrations and file modes, and where the signing key comes from'
complete -c tab -n "__fish_tab_using_subcommand server; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tab -n "__fish_tab_using_subcommand completions" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand completions" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand completions" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand completions" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand completions" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand demo" -l server -d 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)' -r
complete -c tab -n "__fish_tab_using_subcommand demo" -l profile -d 'Which saved sign-in to use; profiles keep separate servers and tokens' -r
complete -c tab -n "__fish_tab_using_subcommand demo" -l timeout -d 'Give up on the server after this many seconds' -r
complete -c tab -n "__fish_tab_using_subcommand demo" -l color -d 'When to use colour (NO_COLOR is honoured under `auto`)' -r -f -a "auto\t'Colour when standard output is a terminal and NO_COLOR is unset'
always\t'Always colour'
never\t'Never colour'"
complete -c tab -n "__fish_tab_using_subcommand demo" -l serve -d 'Keep the demo server running, the other devices still signed in, and print how to point `tab` at it and the demo account\'s throwaway password'
complete -c tab -n "__fish_tab_using_subcommand demo" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c tab -n "__fish_tab_using_subcommand demo" -s V -l version -d 'Print version'
complete -c tab -n "__fish_tab_using_subcommand help; and not __fish_seen_subcommand_from login logout status token sessions admin server completions demo help" -f -a "login" -d 'Sign in as a new device session and keep its token'
complete -c tab -n "__fish_tab_using_subcommand help; and not __fish_seen_subcommand_from login logout status token sessions admin server completions demo help" -f -a "logout" -d 'Sign this device out on the server and forget its token'
complete -c tab -n "__fish_tab_using_subcommand help; and not __fish_seen_subcommand_from login logout status token sessions admin server completions demo help" -f -a "status" -d 'Show the server, who you are, this session and where its token is kept'
complete -c tab -n "__fish_tab_using_subcommand help; and not __fish_seen_subcommand_from login logout status token sessions admin server completions demo help" -f -a "token" -d 'Print this profile\'s token on standard output, for scripts (`TAB_TOKEN`)'
complete -c tab -n "__fish_tab_using_subcommand help; and not __fish_seen_subcommand_from login logout status token sessions admin server completions demo help" -f -a "sessions" -d 'List your sessions, or revoke them (bare `tab sessions` lists)'
complete -c tab -n "__fish_tab_using_subcommand help; and not __fish_seen_subcommand_from login logout status token sessions admin server completions demo help" -f -a "admin" -d 'For the firm\'s administrators: other accounts\' sessions, offboarding, the record'
complete -c tab -n "__fish_tab_using_subcommand help; and not __fish_seen_subcommand_from login logout status token sessions admin server completions demo help" -f -a "server" -d 'Run the reference TAB server, or manage its accounts'
complete -c tab -n "__fish_tab_using_subcommand help; and not __fish_seen_subcommand_from login logout status token sessions admin server completions demo help" -f -a "completions" -d 'Print a shell completion script'
complete -c tab -n "__fish_tab_using_subcommand help; and not __fish_seen_subcommand_from login logout status token sessions admin server completions demo help" -f -a "demo" -d 'Show the whole job in one command, against a throwaway local server'
complete -c tab -n "__fish_tab_using_subcommand help; and not __fish_seen_subcommand_from login logout status token sessions admin server completions demo help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "list" -d 'List your live sessions, most recently seen first'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "revoke" -d 'Sign out sessions by id (full, or a unique prefix of at least 4 characters)'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "revoke-others" -d 'Sign out every session but this one, or those of some kinds or idle for long'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "ack" -d 'Say a new-device sign-in was you: its alert goes, on every device'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "rename" -d 'Name one of your sessions (this device\'s included) as the list shows it'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from sessions" -f -a "history" -d 'What happened to your sessions, newest first: sign-ins, sign-outs, revokes, expiries'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "users" -d 'List the firm\'s accounts by email: role, live sessions, when last seen'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "sessions" -d 'See or end another account\'s sessions'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "offboard" -d 'Disable leavers\' accounts and sign out every session of theirs, on the record'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "history" -d 'What happened to another account\'s sessions, newest first'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from admin" -f -a "audit" -d 'Every administrator\'s and the server operator\'s action, newest first'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "serve" -d 'Serve the TAB sessions API (SIGTERM drains requests in flight and exits 0)'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "user" -d 'Manage accounts'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "purge" -d 'Delete sessions that ended (revoked or expired) before the retention window, with their history, and audit entries past theirs'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "backup" -d 'Write an online, consistent copy of a SQLite database to a new private file'
complete -c tab -n "__fish_tab_using_subcommand help; and __fish_seen_subcommand_from server" -f -a "check" -d 'Check what `tab server serve` would start with, without starting it: the options, the database, its migrations and file modes, and where the signing key comes from'
