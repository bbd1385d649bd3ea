
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'tab' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'tab'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'tab' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in as a new device session and keep its token')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Sign this device out on the server and forget its token')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the server, who you are, this session and where its token is kept')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print this profile''s token on standard output, for scripts (`TAB_TOKEN`)')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List your sessions, or revoke them (bare `tab sessions` lists)')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'For the firm''s administrators: other accounts'' sessions, offboarding, the record')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Run the reference TAB server, or manage its accounts')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Show the whole job in one command, against a throwaway local server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tab;login' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The account''s email (prompted for in a terminal when missing)')
            [CompletionResult]::new('--label', '--label', [CompletionResultType]::ParameterName, 'How this session is named in the list [default: tab on <hostname> (<OS>)]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--web', '--web', [CompletionResultType]::ParameterName, 'Approve the sign-in in this computer''s browser instead of typing a password')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Approve the sign-in in a browser on any device with a one-time code (for a box without one, over SSH)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (one line) instead of prompting')
            [CompletionResult]::new('--insecure-storage', '--insecure-storage', [CompletionResultType]::ParameterName, 'Keep the token in a 0600 file in the config directory instead of the system keyring (remembered for the profile)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;logout' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--local', '--local', [CompletionResultType]::ParameterName, 'Forget the token on this machine without telling the server (when the server is gone for good); the session stays live there until it expires or is revoked')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;status' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every profile: its server, user and where its token is, like `gh auth status`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;token' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;sessions' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only sessions of this kind (repeat for several)')
            [CompletionResult]::new('--idle-for', '--idle-for', [CompletionResultType]::ParameterName, 'Only sessions not seen for at least this long: 30d, 12h, 90m')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show whole ids and when each session expires')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also sessions signed out or expired within the last 7 days')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your live sessions, most recently seen first')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List your live sessions, most recently seen first')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Sign out sessions by id (full, or a unique prefix of at least 4 characters)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Sign out sessions by id (full, or a unique prefix of at least 4 characters)')
            [CompletionResult]::new('revoke-others', 'revoke-others', [CompletionResultType]::ParameterValue, 'Sign out every session but this one, or those of some kinds or idle for long')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Say a new-device sign-in was you: its alert goes, on every device')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Name one of your sessions (this device''s included) as the list shows it')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'What happened to your sessions, newest first: sign-ins, sign-outs, revokes, expiries')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tab;sessions;list' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only sessions of this kind (repeat for several)')
            [CompletionResult]::new('--idle-for', '--idle-for', [CompletionResultType]::ParameterName, 'Only sessions not seen for at least this long: 30d, 12h, 90m')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show whole ids and when each session expires')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also sessions signed out or expired within the last 7 days')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;sessions;ls' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only sessions of this kind (repeat for several)')
            [CompletionResult]::new('--idle-for', '--idle-for', [CompletionResultType]::ParameterName, 'Only sessions not seen for at least this long: 30d, 12h, 90m')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show whole ids and when each session expires')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also sessions signed out or expired within the last 7 days')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;sessions;revoke' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;sessions;rm' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;sessions;revoke-others' {
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only sessions of this kind (repeat for several)')
            [CompletionResult]::new('--idle-for', '--idle-for', [CompletionResultType]::ParameterName, 'Only sessions not seen for at least this long: 30d, 12h, 90m')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'List what would be signed out and change nothing')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;sessions;ack' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every alert there is now')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;sessions;rename' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--current', '--current', [CompletionResultType]::ParameterName, 'Rename this device''s session: `tab sessions rename --current "Office laptop"`')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;sessions;history' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many events, newest first (1 to 500)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;sessions;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your live sessions, most recently seen first')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Sign out sessions by id (full, or a unique prefix of at least 4 characters)')
            [CompletionResult]::new('revoke-others', 'revoke-others', [CompletionResultType]::ParameterValue, 'Sign out every session but this one, or those of some kinds or idle for long')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Say a new-device sign-in was you: its alert goes, on every device')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Name one of your sessions (this device''s included) as the list shows it')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'What happened to your sessions, newest first: sign-ins, sign-outs, revokes, expiries')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tab;sessions;help;list' {
            break
        }
        'tab;sessions;help;revoke' {
            break
        }
        'tab;sessions;help;revoke-others' {
            break
        }
        'tab;sessions;help;ack' {
            break
        }
        'tab;sessions;help;rename' {
            break
        }
        'tab;sessions;help;history' {
            break
        }
        'tab;sessions;help;help' {
            break
        }
        'tab;admin' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'List the firm''s accounts by email: role, live sessions, when last seen')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'See or end another account''s sessions')
            [CompletionResult]::new('offboard', 'offboard', [CompletionResultType]::ParameterValue, 'Disable leavers'' accounts and sign out every session of theirs, on the record')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'What happened to another account''s sessions, newest first')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Every administrator''s and the server operator''s action, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tab;admin;users' {
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'Only accounts with this role')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--disabled', '--disabled', [CompletionResultType]::ParameterName, 'Only disabled accounts')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;admin;sessions' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an account''s live sessions, most recently seen first')
            [CompletionResult]::new('ls', 'ls', [CompletionResultType]::ParameterValue, 'List an account''s live sessions, most recently seen first')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Sign out sessions of an account by id (or unique prefix), or all of them (--all)')
            [CompletionResult]::new('rm', 'rm', [CompletionResultType]::ParameterValue, 'Sign out sessions of an account by id (or unique prefix), or all of them (--all)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tab;admin;sessions;list' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The account''s email')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also sessions signed out or expired within the last 7 days')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show whole ids and when each session expires')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;admin;sessions;ls' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The account''s email')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Also sessions signed out or expired within the last 7 days')
            [CompletionResult]::new('--wide', '--wide', [CompletionResultType]::ParameterName, 'Show whole ids and when each session expires')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;admin;sessions;revoke' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The account''s email')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only sessions of this kind (repeat for several)')
            [CompletionResult]::new('--idle-for', '--idle-for', [CompletionResultType]::ParameterName, 'Only sessions not seen for at least this long: 30d, 12h, 90m')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every live session of the account (or those --kind and --idle-for name, which need --all)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --all: list what would be signed out and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;admin;sessions;rm' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The account''s email')
            [CompletionResult]::new('--kind', '--kind', [CompletionResultType]::ParameterName, 'Only sessions of this kind (repeat for several)')
            [CompletionResult]::new('--idle-for', '--idle-for', [CompletionResultType]::ParameterName, 'Only sessions not seen for at least this long: 30d, 12h, 90m')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Every live session of the account (or those --kind and --idle-for name, which need --all)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'With --all: list what would be signed out and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;admin;sessions;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an account''s live sessions, most recently seen first')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Sign out sessions of an account by id (or unique prefix), or all of them (--all)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tab;admin;sessions;help;list' {
            break
        }
        'tab;admin;sessions;help;revoke' {
            break
        }
        'tab;admin;sessions;help;help' {
            break
        }
        'tab;admin;offboard' {
            [CompletionResult]::new('--users-from', '--users-from', [CompletionResultType]::ParameterName, 'Read the emails from this file, one a line (`-` for standard input)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Say what would happen and change nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;admin;history' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The account''s email')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many events, newest first (1 to 500)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;admin;audit' {
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many entries, newest first (1 to 500)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;admin;help' {
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'List the firm''s accounts by email: role, live sessions, when last seen')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'See or end another account''s sessions')
            [CompletionResult]::new('offboard', 'offboard', [CompletionResultType]::ParameterValue, 'Disable leavers'' accounts and sign out every session of theirs, on the record')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'What happened to another account''s sessions, newest first')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Every administrator''s and the server operator''s action, newest first')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tab;admin;help;users' {
            break
        }
        'tab;admin;help;sessions' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an account''s live sessions, most recently seen first')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Sign out sessions of an account by id (or unique prefix), or all of them (--all)')
            break
        }
        'tab;admin;help;sessions;list' {
            break
        }
        'tab;admin;help;sessions;revoke' {
            break
        }
        'tab;admin;help;offboard' {
            break
        }
        'tab;admin;help;history' {
            break
        }
        'tab;admin;help;audit' {
            break
        }
        'tab;admin;help;help' {
            break
        }
        'tab;server' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the TAB sessions API (SIGTERM drains requests in flight and exits 0)')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage accounts')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Delete sessions that ended (revoked or expired) before the retention window, with their history, and audit entries past theirs')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write an online, consistent copy of a SQLite database to a new private file')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check what `tab server serve` would start with, without starting it: the options, the database, its migrations and file modes, and where the signing key comes from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tab;server;serve' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'The address to listen on')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Connections open at once; more wait until one closes')
            [CompletionResult]::new('--header-timeout', '--header-timeout', [CompletionResultType]::ParameterName, 'Seconds a client has to send a request''s headers (also the keep-alive idle limit)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Seconds a whole request may take, body and answer included')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'The URL browsers reach the server at, behind a TLS-terminating proxy; an https URL makes the session cookie __Host-tab_session and Secure')
            [CompletionResult]::new('--trusted-proxy', '--trusted-proxy', [CompletionResultType]::ParameterName, 'A proxy in front of the server (an address or a CIDR block such as 10.0.0.0/8; repeatable) whose X-Forwarded-For names the client: sign-in limits, and each session''s address, then count the client''s address, not the proxy''s')
            [CompletionResult]::new('--smtp-url', '--smtp-url', [CompletionResultType]::ParameterName, 'Mail each account about its new-device sign-ins through this SMTP server: smtps://HOST:PORT (TLS), smtp://HOST:PORT?tls=required (STARTTLS), or smtp://HOST:PORT (unencrypted, for a relay on this machine); a user name may be in the URL, its password in TAB_SMTP_PASSWORD. Needs --mail-from')
            [CompletionResult]::new('--mail-from', '--mail-from', [CompletionResultType]::ParameterName, 'The sender of the alert mail: tab@example.com or "TAB <tab@example.com>"')
            [CompletionResult]::new('--metrics-listen', '--metrics-listen', [CompletionResultType]::ParameterName, 'Serve Prometheus metrics at http://ADDR/metrics (and the health probes) on a listener of their own, never on the public one; off when not given')
            [CompletionResult]::new('--metrics-refresh', '--metrics-refresh', [CompletionResultType]::ParameterName, 'How often the live-session gauge is read (tests shorten it)')
            [CompletionResult]::new('--retention', '--retention', [CompletionResultType]::ParameterName, 'Purge sessions that ended longer ago than this (90d, 26w, 1y), with their history, soon after start and then every hour; off when not given')
            [CompletionResult]::new('--audit-retention', '--audit-retention', [CompletionResultType]::ParameterName, 'With --retention: purge administrators'' audit entries older than this')
            [CompletionResult]::new('--mail-interval', '--mail-interval', [CompletionResultType]::ParameterName, 'The least time between two alert mails to one account (tests shorten it)')
            [CompletionResult]::new('--mail-first-retry', '--mail-first-retry', [CompletionResultType]::ParameterName, 'The wait after a first failed try to send an alert mail (tests shorten it)')
            [CompletionResult]::new('--mail-give-up-after', '--mail-give-up-after', [CompletionResultType]::ParameterName, 'How long after a sign-in its alert mail is still tried (tests shorten it)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;server;user' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create an account')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the accounts: email, name, role, live sessions, and whether failed sign-ins lock the email out now')
            [CompletionResult]::new('set-password', 'set-password', [CompletionResultType]::ParameterValue, 'Give an account a new password, and sign every one of its sessions out (unless --keep-sessions)')
            [CompletionResult]::new('set-role', 'set-role', [CompletionResultType]::ParameterValue, 'Give an account a role (accountant, manager or admin)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable an account: no sign-in succeeds, and every session of it is signed out')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled account sign in again')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Lift the sign-in limits that block an email (its failed sign-ins and the account''s count of sign-ins), or with --address those of a client address')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tab;server;user;add' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The sign-in email (unique, whatever its letter case)')
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'The display name')
            [CompletionResult]::new('--role', '--role', [CompletionResultType]::ParameterName, 'The role')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (one line); without it a terminal prompts')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;server;user;list' {
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;server;user;set-password' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input (one line); without it a terminal prompts')
            [CompletionResult]::new('--keep-sessions', '--keep-sessions', [CompletionResultType]::ParameterName, 'Keep the account''s sessions signed in (by default every one is signed out: a password is usually reset because someone else may have it)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;server;user;set-role' {
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;server;user;disable' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;server;user;enable' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The same, as a flag')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;server;user;unlock' {
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The same, as a flag (as the other `server user` verbs take it)')
            [CompletionResult]::new('--address', '--address', [CompletionResultType]::ParameterName, 'Lift the limit on failed sign-ins from this client address instead (an IPv6 address counts for its /64)')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;server;user;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create an account')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the accounts: email, name, role, live sessions, and whether failed sign-ins lock the email out now')
            [CompletionResult]::new('set-password', 'set-password', [CompletionResultType]::ParameterValue, 'Give an account a new password, and sign every one of its sessions out (unless --keep-sessions)')
            [CompletionResult]::new('set-role', 'set-role', [CompletionResultType]::ParameterValue, 'Give an account a role (accountant, manager or admin)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable an account: no sign-in succeeds, and every session of it is signed out')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled account sign in again')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Lift the sign-in limits that block an email (its failed sign-ins and the account''s count of sign-ins), or with --address those of a client address')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tab;server;user;help;add' {
            break
        }
        'tab;server;user;help;list' {
            break
        }
        'tab;server;user;help;set-password' {
            break
        }
        'tab;server;user;help;set-role' {
            break
        }
        'tab;server;user;help;disable' {
            break
        }
        'tab;server;user;help;enable' {
            break
        }
        'tab;server;user;help;unlock' {
            break
        }
        'tab;server;user;help;help' {
            break
        }
        'tab;server;purge' {
            [CompletionResult]::new('--older-than', '--older-than', [CompletionResultType]::ParameterName, 'Delete sessions that ended longer ago than this (90d, 26w, 1y)')
            [CompletionResult]::new('--audit-retention', '--audit-retention', [CompletionResultType]::ParameterName, 'Delete administrators'' audit entries older than this')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Count what would be deleted, and delete nothing')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;server;backup' {
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;server;check' {
            [CompletionResult]::new('--listen', '--listen', [CompletionResultType]::ParameterName, 'The address to listen on')
            [CompletionResult]::new('--database', '--database', [CompletionResultType]::ParameterName, 'sqlite://PATH or postgres://... [default: sqlite:// in the platform''s data directory]')
            [CompletionResult]::new('--max-connections', '--max-connections', [CompletionResultType]::ParameterName, 'Connections open at once; more wait until one closes')
            [CompletionResult]::new('--header-timeout', '--header-timeout', [CompletionResultType]::ParameterName, 'Seconds a client has to send a request''s headers (also the keep-alive idle limit)')
            [CompletionResult]::new('--request-timeout', '--request-timeout', [CompletionResultType]::ParameterName, 'Seconds a whole request may take, body and answer included')
            [CompletionResult]::new('--public-url', '--public-url', [CompletionResultType]::ParameterName, 'The URL browsers reach the server at, behind a TLS-terminating proxy; an https URL makes the session cookie __Host-tab_session and Secure')
            [CompletionResult]::new('--trusted-proxy', '--trusted-proxy', [CompletionResultType]::ParameterName, 'A proxy in front of the server (an address or a CIDR block such as 10.0.0.0/8; repeatable) whose X-Forwarded-For names the client: sign-in limits, and each session''s address, then count the client''s address, not the proxy''s')
            [CompletionResult]::new('--smtp-url', '--smtp-url', [CompletionResultType]::ParameterName, 'Mail each account about its new-device sign-ins through this SMTP server: smtps://HOST:PORT (TLS), smtp://HOST:PORT?tls=required (STARTTLS), or smtp://HOST:PORT (unencrypted, for a relay on this machine); a user name may be in the URL, its password in TAB_SMTP_PASSWORD. Needs --mail-from')
            [CompletionResult]::new('--mail-from', '--mail-from', [CompletionResultType]::ParameterName, 'The sender of the alert mail: tab@example.com or "TAB <tab@example.com>"')
            [CompletionResult]::new('--metrics-listen', '--metrics-listen', [CompletionResultType]::ParameterName, 'Serve Prometheus metrics at http://ADDR/metrics (and the health probes) on a listener of their own, never on the public one; off when not given')
            [CompletionResult]::new('--metrics-refresh', '--metrics-refresh', [CompletionResultType]::ParameterName, 'How often the live-session gauge is read (tests shorten it)')
            [CompletionResult]::new('--retention', '--retention', [CompletionResultType]::ParameterName, 'Purge sessions that ended longer ago than this (90d, 26w, 1y), with their history, soon after start and then every hour; off when not given')
            [CompletionResult]::new('--audit-retention', '--audit-retention', [CompletionResultType]::ParameterName, 'With --retention: purge administrators'' audit entries older than this')
            [CompletionResult]::new('--mail-interval', '--mail-interval', [CompletionResultType]::ParameterName, 'The least time between two alert mails to one account (tests shorten it)')
            [CompletionResult]::new('--mail-first-retry', '--mail-first-retry', [CompletionResultType]::ParameterName, 'The wait after a first failed try to send an alert mail (tests shorten it)')
            [CompletionResult]::new('--mail-give-up-after', '--mail-give-up-after', [CompletionResultType]::ParameterName, 'How long after a sign-in its alert mail is still tried (tests shorten it)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON document on standard output, errors included (`{"error": {"code", "message", "hint"}}`)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;server;help' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the TAB sessions API (SIGTERM drains requests in flight and exits 0)')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage accounts')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Delete sessions that ended (revoked or expired) before the retention window, with their history, and audit entries past theirs')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write an online, consistent copy of a SQLite database to a new private file')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check what `tab server serve` would start with, without starting it: the options, the database, its migrations and file modes, and where the signing key comes from')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tab;server;help;serve' {
            break
        }
        'tab;server;help;user' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create an account')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the accounts: email, name, role, live sessions, and whether failed sign-ins lock the email out now')
            [CompletionResult]::new('set-password', 'set-password', [CompletionResultType]::ParameterValue, 'Give an account a new password, and sign every one of its sessions out (unless --keep-sessions)')
            [CompletionResult]::new('set-role', 'set-role', [CompletionResultType]::ParameterValue, 'Give an account a role (accountant, manager or admin)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable an account: no sign-in succeeds, and every session of it is signed out')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled account sign in again')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Lift the sign-in limits that block an email (its failed sign-ins and the account''s count of sign-ins), or with --address those of a client address')
            break
        }
        'tab;server;help;user;add' {
            break
        }
        'tab;server;help;user;list' {
            break
        }
        'tab;server;help;user;set-password' {
            break
        }
        'tab;server;help;user;set-role' {
            break
        }
        'tab;server;help;user;disable' {
            break
        }
        'tab;server;help;user;enable' {
            break
        }
        'tab;server;help;user;unlock' {
            break
        }
        'tab;server;help;purge' {
            break
        }
        'tab;server;help;backup' {
            break
        }
        'tab;server;help;check' {
            break
        }
        'tab;server;help;help' {
            break
        }
        'tab;completions' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;demo' {
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'The TAB server, e.g. https://tab.example.com (remembered per profile at login)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Which saved sign-in to use; profiles keep separate servers and tokens')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Give up on the server after this many seconds')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colour (NO_COLOR is honoured under `auto`)')
            [CompletionResult]::new('--serve', '--serve', [CompletionResultType]::ParameterName, 'Keep the demo server running, the other devices still signed in, and print how to point `tab` at it and the demo account''s throwaway password')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'tab;help' {
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in as a new device session and keep its token')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Sign this device out on the server and forget its token')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show the server, who you are, this session and where its token is kept')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print this profile''s token on standard output, for scripts (`TAB_TOKEN`)')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'List your sessions, or revoke them (bare `tab sessions` lists)')
            [CompletionResult]::new('admin', 'admin', [CompletionResultType]::ParameterValue, 'For the firm''s administrators: other accounts'' sessions, offboarding, the record')
            [CompletionResult]::new('server', 'server', [CompletionResultType]::ParameterValue, 'Run the reference TAB server, or manage its accounts')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('demo', 'demo', [CompletionResultType]::ParameterValue, 'Show the whole job in one command, against a throwaway local server')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'tab;help;login' {
            break
        }
        'tab;help;logout' {
            break
        }
        'tab;help;status' {
            break
        }
        'tab;help;token' {
            break
        }
        'tab;help;sessions' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List your live sessions, most recently seen first')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Sign out sessions by id (full, or a unique prefix of at least 4 characters)')
            [CompletionResult]::new('revoke-others', 'revoke-others', [CompletionResultType]::ParameterValue, 'Sign out every session but this one, or those of some kinds or idle for long')
            [CompletionResult]::new('ack', 'ack', [CompletionResultType]::ParameterValue, 'Say a new-device sign-in was you: its alert goes, on every device')
            [CompletionResult]::new('rename', 'rename', [CompletionResultType]::ParameterValue, 'Name one of your sessions (this device''s included) as the list shows it')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'What happened to your sessions, newest first: sign-ins, sign-outs, revokes, expiries')
            break
        }
        'tab;help;sessions;list' {
            break
        }
        'tab;help;sessions;revoke' {
            break
        }
        'tab;help;sessions;revoke-others' {
            break
        }
        'tab;help;sessions;ack' {
            break
        }
        'tab;help;sessions;rename' {
            break
        }
        'tab;help;sessions;history' {
            break
        }
        'tab;help;admin' {
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'List the firm''s accounts by email: role, live sessions, when last seen')
            [CompletionResult]::new('sessions', 'sessions', [CompletionResultType]::ParameterValue, 'See or end another account''s sessions')
            [CompletionResult]::new('offboard', 'offboard', [CompletionResultType]::ParameterValue, 'Disable leavers'' accounts and sign out every session of theirs, on the record')
            [CompletionResult]::new('history', 'history', [CompletionResultType]::ParameterValue, 'What happened to another account''s sessions, newest first')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Every administrator''s and the server operator''s action, newest first')
            break
        }
        'tab;help;admin;users' {
            break
        }
        'tab;help;admin;sessions' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List an account''s live sessions, most recently seen first')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Sign out sessions of an account by id (or unique prefix), or all of them (--all)')
            break
        }
        'tab;help;admin;sessions;list' {
            break
        }
        'tab;help;admin;sessions;revoke' {
            break
        }
        'tab;help;admin;offboard' {
            break
        }
        'tab;help;admin;history' {
            break
        }
        'tab;help;admin;audit' {
            break
        }
        'tab;help;server' {
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Serve the TAB sessions API (SIGTERM drains requests in flight and exits 0)')
            [CompletionResult]::new('user', 'user', [CompletionResultType]::ParameterValue, 'Manage accounts')
            [CompletionResult]::new('purge', 'purge', [CompletionResultType]::ParameterValue, 'Delete sessions that ended (revoked or expired) before the retention window, with their history, and audit entries past theirs')
            [CompletionResult]::new('backup', 'backup', [CompletionResultType]::ParameterValue, 'Write an online, consistent copy of a SQLite database to a new private file')
            [CompletionResult]::new('check', 'check', [CompletionResultType]::ParameterValue, 'Check what `tab server serve` would start with, without starting it: the options, the database, its migrations and file modes, and where the signing key comes from')
            break
        }
        'tab;help;server;serve' {
            break
        }
        'tab;help;server;user' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Create an account')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the accounts: email, name, role, live sessions, and whether failed sign-ins lock the email out now')
            [CompletionResult]::new('set-password', 'set-password', [CompletionResultType]::ParameterValue, 'Give an account a new password, and sign every one of its sessions out (unless --keep-sessions)')
            [CompletionResult]::new('set-role', 'set-role', [CompletionResultType]::ParameterValue, 'Give an account a role (accountant, manager or admin)')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Disable an account: no sign-in succeeds, and every session of it is signed out')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Let a disabled account sign in again')
            [CompletionResult]::new('unlock', 'unlock', [CompletionResultType]::ParameterValue, 'Lift the sign-in limits that block an email (its failed sign-ins and the account''s count of sign-ins), or with --address those of a client address')
            break
        }
        'tab;help;server;user;add' {
            break
        }
        'tab;help;server;user;list' {
            break
        }
        'tab;help;server;user;set-password' {
            break
        }
        'tab;help;server;user;set-role' {
            break
        }
        'tab;help;server;user;disable' {
            break
        }
        'tab;help;server;user;enable' {
            break
        }
        'tab;help;server;user;unlock' {
            break
        }
        'tab;help;server;purge' {
            break
        }
        'tab;help;server;backup' {
            break
        }
        'tab;help;server;check' {
            break
        }
        'tab;help;completions' {
            break
        }
        'tab;help;demo' {
            break
        }
        'tab;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
