//! `werkscan-server`: serve the app and API, administer accounts, seed the demo.
//!
//! ```text
//! werkscan-server serve [--db URL] [--addr 127.0.0.1:8080] [--dist dist] [--questionnaires questionnaires]
//!                       [--insecure-cookies] [--trust-proxy] [--seed-demo] [--base-url URL]
//! werkscan-server admin create-org NAME [--db URL]
//! werkscan-server admin create-user --org ORG --role employer|expert|admin --email E [--name NAME] [--password-stdin] [--db URL]
//! werkscan-server seed-demo [--db URL] [--questionnaires questionnaires] [--base-url http://127.0.0.1:8080]
//! ```
//!
//! The database URL may also come from `WERKSCAN_DB`; the default is a SQLite file in `data/`.

use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use werkscan_server::admin::{create_org, create_user, find_org, generate_password, seed_demo, NewUser};
use werkscan_server::auth::Role;
use werkscan_server::db::DEFAULT_URL;
use werkscan_server::{app, retention, AppState, Config, Db, Definitions, PasswordCost};

const USAGE: &str = "usage:
  werkscan-server serve [--db URL] [--addr 127.0.0.1:8080] [--dist dist] [--questionnaires questionnaires]
                        [--insecure-cookies] [--trust-proxy] [--seed-demo] [--base-url URL]
  werkscan-server admin create-org NAME [--db URL]
  werkscan-server admin create-user --org ORG --role employer|expert|admin --email E [--name NAME] [--password-stdin] [--db URL]
  werkscan-server seed-demo [--db URL] [--questionnaires questionnaires] [--base-url URL]

The database defaults to $WERKSCAN_DB, else sqlite://data/werkscan.sqlite.
--insecure-cookies drops the cookie's Secure flag: only for plain-http local development.";

/// Parsed `--flag value` options and positional arguments.
struct Args {
    positional: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

/// Flags that take no value.
const SWITCHES: [&str; 5] = ["--insecure-cookies", "--trust-proxy", "--seed-demo", "--password-stdin", "--help"];

impl Args {
    fn parse(raw: impl Iterator<Item = String>) -> Result<Args, String> {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut raw = raw.peekable();
        while let Some(arg) = raw.next() {
            if let Some((name, value)) = arg.split_once('=').filter(|_| arg.starts_with("--")) {
                options.push((name.to_owned(), Some(value.to_owned())));
            } else if SWITCHES.contains(&arg.as_str()) || arg == "-h" {
                options.push((arg, None));
            } else if arg.starts_with("--") {
                let value = raw.next().ok_or_else(|| format!("{arg} needs a value"))?;
                options.push((arg, Some(value)));
            } else {
                positional.push(arg);
            }
        }
        Ok(Args { positional, options })
    }

    fn value(&self, name: &str) -> Option<String> {
        self.options.iter().rev().find(|(key, _)| key == name).and_then(|(_, value)| value.clone())
    }

    fn switch(&self, name: &str) -> bool {
        self.options.iter().any(|(key, _)| key == name)
    }

    fn check_known(&self, known: &[&str]) -> Result<(), String> {
        match self.options.iter().find(|(key, _)| !known.contains(&key.as_str())) {
            Some((key, _)) => Err(format!("unknown option {key}")),
            None => Ok(()),
        }
    }

    fn db_url(&self) -> String {
        self.value("--db").or_else(|| std::env::var("WERKSCAN_DB").ok()).unwrap_or_else(|| DEFAULT_URL.to_owned())
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt().with_target(false).init();
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(args) => args,
        Err(error) => return fail(error),
    };
    if args.switch("--help") || args.switch("-h") || args.positional.is_empty() {
        println!("{USAGE}");
        return if args.positional.is_empty() && !args.switch("--help") && !args.switch("-h") { ExitCode::from(2) } else { ExitCode::SUCCESS };
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    let outcome = runtime.block_on(async {
        let command: Vec<&str> = args.positional.iter().map(String::as_str).collect();
        match command.as_slice() {
            ["serve"] => serve(&args).await,
            ["admin", "create-org", name] => admin_create_org(&args, name).await,
            ["admin", "create-user"] => admin_create_user(&args).await,
            ["seed-demo"] => seed(&args).await,
            _ => Err(format!("unknown command {:?}\n\n{USAGE}", args.positional.join(" "))),
        }
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => fail(error),
    }
}

fn fail(error: String) -> ExitCode {
    eprintln!("werkscan-server: {error}");
    ExitCode::FAILURE
}

async fn serve(args: &Args) -> Result<(), String> {
    args.check_known(&["--db", "--addr", "--dist", "--questionnaires", "--insecure-cookies", "--trust-proxy", "--seed-demo", "--base-url"])?;
    let addr: SocketAddr = args
        .value("--addr")
        .unwrap_or_else(|| "127.0.0.1:8080".into())
        .parse()
        .map_err(|error| format!("--addr: {error}"))?;
    let (definitions, db) = open(args).await?;
    let dist = PathBuf::from(args.value("--dist").unwrap_or_else(|| "dist".into()));
    let dist = if dist.join("index.html").is_file() {
        Some(dist)
    } else {
        tracing::warn!(dist = %dist.display(), "no built app (index.html) found: serving the API only; build it with ./scripts/build-app.sh");
        None
    };
    let config = Config {
        dist,
        secure_cookies: !args.switch("--insecure-cookies"),
        trust_proxy: args.switch("--trust-proxy"),
        ..Config::default()
    };
    if args.switch("--seed-demo") {
        let base = args.value("--base-url").unwrap_or_else(|| format!("http://{addr}"));
        print_seed(&seed_demo(&db, &definitions, config.password_cost, &base).await?);
    }
    tokio::spawn(retention::run_periodically(db.clone(), Duration::from_secs(60 * 60)));
    let state = AppState::new(db.clone(), definitions, config);
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|error| format!("cannot listen on {addr}: {error}"))?;
    tracing::info!(%addr, "werkscan-server listening");
    println!("werkscan-server listening on http://{addr}");
    axum::serve(listener, app(state).into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|error| format!("server error: {error}"))?;
    db.close().await;
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
}

async fn admin_create_org(args: &Args, name: &str) -> Result<(), String> {
    args.check_known(&["--db"])?;
    let db = Db::connect(&args.db_url()).await?;
    let id = create_org(&db, name).await?;
    println!("created organisation {name:?} with id {id}");
    Ok(())
}

async fn admin_create_user(args: &Args) -> Result<(), String> {
    args.check_known(&["--db", "--org", "--role", "--email", "--name", "--password-stdin"])?;
    let role = args.value("--role").ok_or("--role is required (employer, expert or admin)")?;
    let role = Role::parse(&role).ok_or_else(|| format!("unknown role {role:?}: use employer, expert or admin"))?;
    let email = args.value("--email").ok_or("--email is required")?;
    let db = Db::connect(&args.db_url()).await?;
    let org_id = match args.value("--org") {
        Some(org) => Some(find_org(&db, &org).await.map_err(|error| error.to_string())?.ok_or_else(|| format!("no organisation {org:?}"))?),
        None => None,
    };
    let (password, generated) = if args.switch("--password-stdin") {
        if std::io::stdin().is_terminal() {
            eprintln!("type the password and press Enter:");
        }
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(|error| error.to_string())?;
        (line.trim_end_matches(['\r', '\n']).to_owned(), false)
    } else {
        (generate_password(), true)
    };
    let user = NewUser { org_id, role, email: email.clone(), display_name: args.value("--name").unwrap_or_default(), password: password.clone() };
    let id = create_user(&db, user, PasswordCost::Standard).await?;
    println!("created {} account {email} with id {id}", role.as_str());
    if generated {
        println!("password: {password}");
    }
    Ok(())
}

/// The definitions from `--questionnaires` and the database from `--db`, migrated, with every
/// loaded definition version recorded (serving and the demo seed both rely on that).
async fn open(args: &Args) -> Result<(Definitions, Db), String> {
    let questionnaires = PathBuf::from(args.value("--questionnaires").unwrap_or_else(|| "questionnaires".into()));
    let definitions = Definitions::load_dir(&questionnaires)?;
    let db = Db::connect(&args.db_url()).await?;
    definitions.record(&db).await.map_err(|error| format!("cannot record the definitions: {error}"))?;
    Ok((definitions, db))
}

async fn seed(args: &Args) -> Result<(), String> {
    args.check_known(&["--db", "--questionnaires", "--base-url"])?;
    let (definitions, db) = open(args).await?;
    let base = args.value("--base-url").unwrap_or_else(|| "http://127.0.0.1:8080".into());
    print_seed(&seed_demo(&db, &definitions, PasswordCost::Standard, &base).await?);
    Ok(())
}

fn print_seed(report: &werkscan_server::admin::SeedReport) {
    println!("demo data for {}:", werkscan_server::admin::DEMO_ORG);
    for line in &report.lines {
        println!("  {line}");
    }
}
