//! Command-line interface: `build`, `check`, `serve`, `eval`. Small enough to parse by hand.
use crate::error::BuildError;
use crate::site::{self, BuildOptions};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "사용법:
  afsite build [--out DIR] [--base-path /sub/] [--base-url https://host/sub/] [--root DIR]
  afsite check [--root DIR]
  afsite serve [--port 8000] [--root DIR]
  afsite eval <tool> [FILE|-] [--root DIR]
  afsite init DIR";

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
pub enum Command {
    Build(BuildOptionsArgs),
    Check {
        root: PathBuf,
    },
    Serve {
        root: PathBuf,
        port: u16,
    },
    Eval {
        root: PathBuf,
        tool: String,
        input: Option<String>,
    },
    Init {
        dir: PathBuf,
    },
    Help,
}

/// `build` flags, before the base path is normalized.
#[derive(Debug, PartialEq, Eq)]
pub struct BuildOptionsArgs {
    pub root: PathBuf,
    pub out: PathBuf,
    pub base_path: String,
    pub base_url: Option<String>,
}

/// Parses arguments (without the program name).
pub fn parse(args: &[String]) -> Result<Command, String> {
    let Some((command, rest)) = args.split_first() else {
        return Ok(Command::Help);
    };
    let mut root = PathBuf::from(".");
    let mut out = PathBuf::from("public");
    let mut base_path = "/".to_string();
    let mut base_url = None;
    let mut port: u16 = 8000;
    let mut positional = Vec::new();
    let mut iter = rest.iter();
    while let Some(arg) = iter.next() {
        let (flag, inline_value) = match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => (flag, Some(value.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline_value
                .clone()
                .or_else(|| iter.next().cloned())
                .ok_or_else(|| format!("{name} 뒤에 값이 필요합니다"))
        };
        match flag {
            "--root" => root = PathBuf::from(value("--root")?),
            "--out" => out = PathBuf::from(value("--out")?),
            "--base-path" => base_path = value("--base-path")?,
            "--base-url" => base_url = Some(value("--base-url")?),
            "--port" => {
                let text = value("--port")?;
                port = text
                    .parse()
                    .map_err(|_| format!("--port 값이 올바르지 않습니다: {text}"))?;
            }
            "-h" | "--help" => return Ok(Command::Help),
            other if other.starts_with("--") => {
                return Err(format!("알 수 없는 옵션입니다: {other}"))
            }
            _ => positional.push(arg.clone()),
        }
    }
    let no_positional = |positional: &[String]| match positional.first() {
        Some(extra) => Err(format!("알 수 없는 인자입니다: {extra}")),
        None => Ok(()),
    };
    match command.as_str() {
        "build" => {
            no_positional(&positional)?;
            Ok(Command::Build(BuildOptionsArgs {
                root,
                out,
                base_path,
                base_url,
            }))
        }
        "check" => {
            no_positional(&positional)?;
            Ok(Command::Check { root })
        }
        "serve" => {
            no_positional(&positional)?;
            Ok(Command::Serve { root, port })
        }
        "eval" => {
            let mut positional = positional.into_iter();
            let tool = positional.next().ok_or("eval에는 도구 이름이 필요합니다")?;
            let input = positional.next();
            no_positional(&positional.collect::<Vec<_>>())?;
            Ok(Command::Eval { root, tool, input })
        }
        "init" => match positional.as_slice() {
            [dir] => Ok(Command::Init { dir: dir.into() }),
            [] => Err("init에는 새 사이트를 만들 폴더가 필요합니다".to_string()),
            [_, extra, ..] => Err(format!("알 수 없는 인자입니다: {extra}")),
        },
        "-h" | "--help" | "help" => Ok(Command::Help),
        other => Err(format!("알 수 없는 명령입니다: {other}")),
    }
}

/// Runs a command line; every failure is printed as `path:line: message` and gives exit code 1.
pub fn run(args: &[String]) -> ExitCode {
    let command = match parse(args) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("afsite: {message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Help => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Command::Build(args) => {
            let base_path = match site::normalize_base_path(&args.base_path) {
                Ok(base_path) => base_path,
                Err(message) => {
                    eprintln!("afsite: {message}");
                    return ExitCode::from(2);
                }
            };
            let options = BuildOptions {
                root: args.root,
                out: args.out.clone(),
                base_path,
                base_url: args.base_url,
            };
            match site::build_site(&options) {
                Ok(report) => {
                    println!(
                        "{}: 페이지 {}개, 파일 {}개, {:.0} ms",
                        args.out.display(),
                        report.pages,
                        report.files,
                        report.elapsed.as_secs_f64() * 1000.0
                    );
                    for note in &report.notes {
                        println!("{note}");
                    }
                    ExitCode::SUCCESS
                }
                Err(errors) => fail(&errors, "빌드 실패: 이전 출력은 그대로 두었습니다"),
            }
        }
        Command::Check { root } => match site::check_site(&root) {
            Ok(report) => {
                println!(
                    "문제 없음: 페이지 {}개, {:.0} ms",
                    report.pages,
                    report.elapsed.as_secs_f64() * 1000.0
                );
                ExitCode::SUCCESS
            }
            Err(errors) => fail(&errors, "검사 실패"),
        },
        Command::Serve { root, port } => match crate::serve::run(&root, port) {
            Ok(()) => ExitCode::SUCCESS,
            Err(errors) => fail(&errors, "미리 보기 서버를 시작할 수 없습니다"),
        },
        Command::Init { dir } => match crate::init::run(&dir) {
            Ok(report) => {
                println!(
                    "{}: 새 사이트를 만들었습니다(파일 {}개). 확인: afsite check --root {}",
                    dir.display(),
                    report.files,
                    dir.display()
                );
                ExitCode::SUCCESS
            }
            Err(err) => fail(&[err], "새 사이트를 만들지 못했습니다"),
        },
        Command::Eval { root, tool, input } => {
            match crate::eval::run(&root, &tool, input.as_deref()) {
                Ok(outcome) => {
                    println!("{}", outcome.json);
                    if outcome.ok {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::FAILURE
                    }
                }
                Err(errors) => fail(&errors, "규칙을 불러올 수 없습니다"),
            }
        }
    }
}

fn fail(errors: &[BuildError], summary: &str) -> ExitCode {
    for err in errors {
        eprintln!("{err}");
    }
    eprintln!("{summary} (문제 {}건)", errors.len());
    ExitCode::FAILURE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn parses_build_flags() {
        let parsed = parse(&args(&[
            "build",
            "--out",
            "o",
            "--base-path=/x/",
            "--root",
            "r",
        ]));
        assert_eq!(
            parsed,
            Ok(Command::Build(BuildOptionsArgs {
                root: "r".into(),
                out: "o".into(),
                base_path: "/x/".into(),
                base_url: None,
            }))
        );
    }

    #[test]
    fn parses_eval_and_rejects_unknowns() {
        assert_eq!(
            parse(&args(&["eval", "budget", "-"])),
            Ok(Command::Eval {
                root: ".".into(),
                tool: "budget".into(),
                input: Some("-".into())
            })
        );
        assert!(parse(&args(&["eval"])).is_err());
        assert!(parse(&args(&["build", "--nope"])).is_err());
        assert!(parse(&args(&["serve", "--port", "x"])).is_err());
        assert!(parse(&args(&["frobnicate"])).is_err());
        assert_eq!(
            parse(&args(&["init", "new-site"])),
            Ok(Command::Init {
                dir: "new-site".into()
            })
        );
        assert!(parse(&args(&["init"])).is_err());
    }
}
