use std::fmt;

/// The one error type of this crate.
///
/// Every fallible operation returns this type. Match on [`Error::kind`] to
/// tell failures apart; the [`Display`](fmt::Display) rendering names the
/// input (file, line, column) wherever one is known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

/// What went wrong, broadly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading a file or stream failed.
    Io,
    /// Input bytes were not valid UTF-8.
    InvalidUtf8,
    /// A CSV table was malformed: wrong header, wrong field count, bad quoting.
    Csv,
    /// A value could not be parsed as the kind it was required to be.
    Parse,
    /// An option or argument was out of range or inconsistent.
    Config,
}

impl Error {
    /// Builds an error of `kind` with a human-readable message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// The broad class of this error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message without the kind.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::Io => "I/O error",
            ErrorKind::InvalidUtf8 => "invalid UTF-8",
            ErrorKind::Csv => "malformed CSV",
            ErrorKind::Parse => "unparseable value",
            ErrorKind::Config => "invalid configuration",
        })
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::new(ErrorKind::Io, e.to_string())
    }
}
