//! `werkscan-server`: serve the app and API, administer accounts, seed the demo. `--help` on
//! any command lists its options.

use std::io::{BufRead, IsTerminal};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};
use werkscan_server::accounts::auth::Role;
mod demo;

use demo::{seed_demo, SeedReport, DEMO_ORG};
use werkscan_server::admin::{create_org, create_user, find_org, find_user, generate_password, link_expert, NewUser};
use werkscan_server::db::DEFAULT_URL;
use werkscan_server::{app, submissions::retention, AppState, Config, Db, Definitions, PasswordCost};

/// Werkscan's server: the app, the API, and the administration of accounts.
#[derive(Debug, Parser)]
#[command(name = "werkscan-server", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the app and the API.
    Serve(Serve),
    /// Administer organisations and accounts.
    #[command(subcommand)]
    Admin(Admin),
    /// Load the demo organisation, accounts and campaigns (idempotent) and print the logins.
    SeedDemo {
        #[command(flatten)]
        data: DataArgs,
        /// The address people open, for the printed campaign links.
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        base_url: String,
    },
}

/// Where the data and the questionnaires are.
#[derive(Debug, Args)]
struct DataArgs {
    #[command(flatten)]
    db: DbArg,
    /// The folder with the questionnaire definitions.
    #[arg(long, default_value = "questionnaires")]
    questionnaires: PathBuf,
}

#[derive(Debug, Args)]
struct DbArg {
    /// The database: sqlite://PATH (created if missing) or postgres://….
    #[arg(long = "db", env = "WERKSCAN_DB", default_value = DEFAULT_URL)]
    url: String,
}

#[derive(Debug, Args)]
struct Serve {
    #[command(flatten)]
    data: DataArgs,
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// The built apps (scripts/build-app.sh writes them to dist/).
    #[arg(long, default_value = "dist")]
    dist: PathBuf,
    /// Drop the session cookie's Secure flag: only for plain-http local development.
    #[arg(long)]
    insecure_cookies: bool,
    /// Send Strict-Transport-Security (on by itself when --base-url starts with https://).
    #[arg(long)]
    hsts: bool,
    /// The number of proxies in front of the server that append to X-Forwarded-For; the client
    /// address is the one the outermost of them appended. 0 ignores the header.
    #[arg(long, default_value_t = 0)]
    trusted_proxies: usize,
    /// Shorthand for --trusted-proxies 1.
    #[arg(long, conflicts_with = "trusted_proxies")]
    trust_proxy: bool,
    /// Upload attempts accepted per address and campaign in ten minutes.
    #[arg(long, default_value_t = Config::default().uploads_per_address)]
    uploads_per_address: i64,
    /// Bookings accepted per address and campaign in ten minutes.
    #[arg(long, default_value_t = Config::default().bookings_per_address)]
    bookings_per_address: i64,
    /// Load the demo data first (see seed-demo).
    #[arg(long)]
    seed_demo: bool,
    /// The address people open (for links in e-mails, printed links and HSTS).
    #[arg(long)]
    base_url: Option<String>,
    /// Where e-mail goes: smtp://host:port (plain), smtp://host:port?tls=required (STARTTLS) or
    /// smtps://user:password@host:465. Without it, messages wait in the outbox (the experts see
    /// what is unsent) until a server with it runs.
    #[arg(long, env = "WERKSCAN_SMTP_URL")]
    smtp_url: Option<String>,
    /// The sender of e-mail.
    #[arg(long, env = "WERKSCAN_MAIL_FROM", default_value = "Werkscan <noreply@werkscan.invalid>")]
    mail_from: String,
    /// How often the outbox is sent, in seconds (with --smtp-url).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    mail_every: u64,
}

#[derive(Debug, Subcommand)]
enum Admin {
    /// Create an organisation.
    CreateOrg {
        /// Its name.
        name: String,
        #[command(flatten)]
        db: DbArg,
    },
    /// Create an account; the password is read from stdin or generated and printed.
    CreateUser {
        /// The organisation (id or name); required for employers, links an expert to it.
        #[arg(long)]
        org: Option<String>,
        /// The practice (id) of an expert or practice admin; required for practice admins.
        #[arg(long)]
        practice: Option<String>,
        /// employer, expert, practice_admin or admin.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// The login e-mail address.
        #[arg(long)]
        email: String,
        /// The name shown to others (in the consent text, for an expert); required.
        #[arg(long)]
        name: String,
        /// Read the password from standard input instead of generating one.
        #[arg(long)]
        password_stdin: bool,
        #[command(flatten)]
        db: DbArg,
    },
    /// Link an arbeidsdeskundige to an organisation, so its campaigns can name them.
    LinkExpert {
        /// The organisation (id or name).
        #[arg(long)]
        org: String,
        /// The expert's login e-mail address.
        #[arg(long)]
        email: String,
        #[command(flatten)]
        db: DbArg,
    },
}

fn parse_role(name: &str) -> Result<Role, String> {
    Role::parse(name).ok_or_else(|| format!("unknown role {name:?}: use employer, expert, practice_admin or admin"))
}

fn main() -> ExitCode {
    tracing_subscriber::fmt().with_target(false).init();
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    let outcome = runtime.block_on(async {
        match cli.command {
            Command::Serve(serve_args) => serve(serve_args).await,
            Command::Admin(admin) => administer(admin).await,
            Command::SeedDemo { data, base_url } => {
                let (definitions, db) = open(&data).await?;
                print_seed(&seed_demo(&db, &definitions, PasswordCost::Standard, &base_url).await?);
                Ok(())
            }
        }
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("werkscan-server: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: Serve) -> Result<(), String> {
    let (definitions, db) = open(&args.data).await?;
    let dist = if args.dist.join("scan").join("index.html").is_file() {
        Some(args.dist.clone())
    } else {
        tracing::warn!(dist = %args.dist.display(), "no built apps (scan/index.html) found: serving the API only; build them with ./scripts/build-app.sh");
        None
    };
    let base = args.base_url.clone().unwrap_or_else(|| format!("http://{}", args.addr));
    let config = Config {
        dist,
        secure_cookies: !args.insecure_cookies,
        hsts: args.hsts || base.starts_with("https://"),
        trusted_proxy_hops: if args.trust_proxy { 1 } else { args.trusted_proxies },
        uploads_per_address: args.uploads_per_address,
        bookings_per_address: args.bookings_per_address,
        base_url: base.trim_end_matches('/').to_owned(),
        smtp: args.smtp_url.clone().map(|url| werkscan_server::mail::Smtp { url, from: args.mail_from.clone() }),
        ..Config::default()
    };
    if args.seed_demo {
        print_seed(&seed_demo(&db, &definitions, config.password_cost, &base).await?);
    }
    // Bookings stored before the person keys get theirs, so they count towards the limit too.
    werkscan_server::booking::routes::fill_person_keys(&db)
        .await
        .map_err(|error| format!("cannot give the bookings their person keys: {error}"))?;
    tokio::spawn(retention::run_periodically(db.clone(), Duration::from_secs(60 * 60)));
    match &config.smtp {
        Some(smtp) => {
            tokio::spawn(werkscan_server::mail::run_sender(
                db.clone(),
                smtp.clone(),
                Duration::from_secs(args.mail_every),
            ));
        }
        None => tracing::warn!("no --smtp-url: e-mail waits in the outbox"),
    }
    let state = AppState::new(db.clone(), definitions, config);
    // Releases of campaigns whose last day has passed, and drafts an upload was withdrawn from.
    tokio::spawn(werkscan_server::releases::routes::run_periodically(state.clone(), Duration::from_secs(5 * 60)));
    // The experts' daily digests, each at its hour.
    tokio::spawn(werkscan_server::expert::notifications::run_periodically(state.clone(), Duration::from_secs(5 * 60)));
    let addr = args.addr;
    let listener =
        tokio::net::TcpListener::bind(addr).await.map_err(|error| format!("cannot listen on {addr}: {error}"))?;
    tracing::info!(%addr, "werkscan-server listening");
    println!("werkscan-server listening on http://{addr}");
    werkscan_server::serve::serve_on(
        listener,
        app(state),
        werkscan_server::serve::Limits::default(),
        shutdown_signal(),
    )
    .await;
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

async fn administer(command: Admin) -> Result<(), String> {
    match command {
        Admin::CreateOrg { name, db } => {
            let db = Db::connect(&db.url).await?;
            let id = create_org(&db, &name).await?;
            println!("created organisation {name:?} with id {id}");
        }
        Admin::CreateUser { org, practice, role, email, name, password_stdin, db } => {
            let db = Db::connect(&db.url).await?;
            let org_id = match org {
                Some(org) => Some(organisation(&db, &org).await?),
                None => None,
            };
            let (password, generated) = if password_stdin {
                if std::io::stdin().is_terminal() {
                    eprintln!("type the password and press Enter:");
                }
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line).map_err(|error| error.to_string())?;
                (line.trim_end_matches(['\r', '\n']).to_owned(), false)
            } else {
                (generate_password(), true)
            };
            let user = NewUser {
                org_id,
                practice_id: practice,
                role,
                email: email.clone(),
                display_name: name,
                password: password.clone(),
            };
            let id = create_user(&db, user, PasswordCost::Standard).await?;
            println!("created {} account {email} with id {id}", role.as_str());
            if generated {
                println!("password: {password}");
            }
        }
        Admin::LinkExpert { org, email, db } => {
            let db = Db::connect(&db.url).await?;
            let org_id = organisation(&db, &org).await?;
            let user = find_user(&db, &email)
                .await
                .map_err(|error| error.to_string())?
                .ok_or_else(|| format!("no account {email:?}"))?;
            link_expert(&db, &org_id, &user).await?;
            println!("linked {email} to {org}");
        }
    }
    Ok(())
}

async fn organisation(db: &Db, id_or_name: &str) -> Result<String, String> {
    find_org(db, id_or_name)
        .await
        .map_err(|error| error.to_string())?
        .ok_or_else(|| format!("no organisation {id_or_name:?}"))
}

/// The definitions from `--questionnaires` and the database from `--db`, migrated, with every
/// loaded definition version recorded (serving and the demo seed both rely on that).
async fn open(data: &DataArgs) -> Result<(Definitions, Db), String> {
    let definitions = Definitions::load_dir(&data.questionnaires)?;
    let db = Db::connect(&data.db.url).await?;
    definitions.record(&db).await.map_err(|error| format!("cannot record the definitions: {error}"))?;
    Ok((definitions, db))
}

fn print_seed(report: &SeedReport) {
    println!("demo data for {DEMO_ORG}:");
    for line in &report.lines {
        println!("  {line}");
    }
}
