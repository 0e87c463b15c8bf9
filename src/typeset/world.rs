//! The Typst `World` of one issue: the layout (embedded, or the
//! publication's own), the issue's data as a generated JSON file, the fonts,
//! and read-only access to files inside the publication folder — nothing else.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::package::{PackageSpec, PackageVersion};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::diagnostics::DiagnosticWorld;
use typst_kit::files::{FileLoader, FileStore};

use crate::files::{self, ReadError};
use crate::fonts::Fonts;
use crate::input::issue::Date;
use crate::t;

/// The layout compiled into the binary.
pub const EMBEDDED_LAYOUT: &str = include_str!("../../layouts/bulletin.typ");
/// Where the embedded layout lives in the virtual project.
pub const EMBEDDED_LAYOUT_PATH: &str = "/layouts/bulletin.typ";
/// Where the layout finds the issue's data: `json("/issue.json")`.
pub const DATA_PATH: &str = "/issue.json";
/// The layout of a year's volume (合订本), compiled into the binary.
pub const VOLUME_LAYOUT: &str = include_str!("../../layouts/volume.typ");
/// Where the volume's layout finds its data.
pub const VOLUME_DATA_PATH: &str = "/volume.json";

/// The package that holds issue `total` in a volume's world
/// (`@bulletin/issue-<total>:0.0.0`): its layout and its data.
pub fn issue_package(total: u32) -> PackageSpec {
    PackageSpec {
        namespace: "bulletin".into(),
        name: format!("issue-{total}").into(),
        version: PackageVersion {
            major: 0,
            minor: 0,
            patch: 0,
        },
    }
}

/// The embedded layout, parsed once per process and shared by every world
/// (all issues of `build --all`, every rebuild of `watch`).
static EMBEDDED_SOURCE: LazyLock<Source> =
    LazyLock::new(|| Source::new(project_file(EMBEDDED_LAYOUT_PATH), EMBEDDED_LAYOUT.into()));

/// Layouts of publications' own, parsed once per content and shared by the
/// worlds of a process (`build --all`), like the embedded one.
static PARSED_LAYOUTS: LazyLock<Mutex<HashMap<FileId, (Bytes, Source)>>> =
    LazyLock::new(Default::default);

/// Which layout a build uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    Embedded,
    /// A file of the publication, relative to its folder.
    File(PathBuf),
}

pub struct BulletinWorld {
    /// The layout as asked for, to tell whether the world can serve a
    /// rebuild.
    layout: Layout,
    library: LazyHash<Library>,
    fonts: Arc<Fonts>,
    files: FileStore<PublicationFiles>,
    today: Option<Datetime>,
}

impl BulletinWorld {
    /// A world for the publication in `root`, printing `data` (the JSON of
    /// [`crate::typeset::data::IssueData`]) dated `date`.
    pub fn new(
        root: &Path,
        layout: &Layout,
        fonts: Arc<Fonts>,
        data: Vec<u8>,
        date: Date,
    ) -> std::io::Result<Self> {
        let root = root.canonicalize()?;
        let (main, embedded_layout) = match layout {
            Layout::Embedded => (
                project_file(EMBEDDED_LAYOUT_PATH),
                Some(Bytes::from_string(EMBEDDED_LAYOUT)),
            ),
            Layout::File(path) => {
                let vpath = VirtualPath::virtualize(&root, &root.join(path))
                    .map_err(|_| std::io::Error::other(t!("world-layout-outside")))?;
                (RootedPath::new(VirtualRoot::Project, vpath).intern(), None)
            }
        };
        Ok(Self {
            layout: layout.clone(),
            library: LazyHash::new(Library::builder().build()),
            fonts,
            files: FileStore::new(PublicationFiles {
                root,
                main,
                embedded_layout,
                data_id: project_file(DATA_PATH),
                data: Bytes::new(data),
                generated: HashMap::new(),
                packages: HashSet::new(),
            }),
            // The layout's `datetime.today()` is the issue date, so that a
            // rebuild next year prints the same document.
            today: date.to_datetime(),
        })
    }

    /// A world for a year's volume of the publication in `root`: the
    /// volume's layout reads `data` (its JSON) and includes each issue,
    /// `(total, issue data)`, as a package of its own
    /// (`@bulletin/issue-<total>:0.0.0`), where the issue's layout (`layout`)
    /// finds that issue's `/issue.json`, and every other file is the
    /// publication's.
    pub fn volume(
        root: &Path,
        layout: &Layout,
        fonts: Arc<Fonts>,
        data: Vec<u8>,
        issues: Vec<(u32, Vec<u8>)>,
        date: Date,
    ) -> std::io::Result<Self> {
        let root = root.canonicalize()?;
        let entrypoint = match layout {
            Layout::Embedded => EMBEDDED_LAYOUT_PATH.trim_start_matches('/').to_string(),
            Layout::File(path) => {
                let vpath = VirtualPath::virtualize(&root, &root.join(path))
                    .map_err(|_| std::io::Error::other(t!("world-layout-outside")))?;
                vpath.get_without_slash().to_string()
            }
        };
        let mut generated = HashMap::new();
        let mut packages = HashSet::new();
        for (total, issue) in issues {
            let spec = issue_package(total);
            let file = |path: &str| {
                RootedPath::new(
                    VirtualRoot::Package(spec.clone()),
                    VirtualPath::new(path).expect("a valid virtual path"),
                )
                .intern()
            };
            let manifest = format!(
                "[package]\nname = \"issue-{total}\"\nversion = \"0.0.0\"\nentrypoint = \"{entrypoint}\"\n"
            );
            generated.insert(file("/typst.toml"), Bytes::from_string(manifest));
            generated.insert(file(DATA_PATH), Bytes::new(issue));
            if *layout == Layout::Embedded {
                generated.insert(
                    file(EMBEDDED_LAYOUT_PATH),
                    Bytes::from_string(EMBEDDED_LAYOUT),
                );
            }
            packages.insert(spec);
        }
        let main = project_file("/layouts/volume.typ");
        let world = Self {
            layout: layout.clone(),
            library: LazyHash::new(Library::builder().build()),
            fonts,
            files: FileStore::new(PublicationFiles {
                root,
                main,
                embedded_layout: Some(Bytes::from_string(VOLUME_LAYOUT)),
                data_id: project_file(VOLUME_DATA_PATH),
                data: Bytes::new(data),
                generated,
                packages,
            }),
            today: date.to_datetime(),
        };
        Ok(world)
    }

    /// The fonts of this world.
    pub fn fonts(&self) -> &Fonts {
        &self.fonts
    }

    /// Whether this world can lay out another issue (or a new state of the
    /// same one) of the publication in `root` with `layout` and `fonts`, so
    /// that Typst reuses what it computed before.
    pub fn serves(&self, root: &Path, layout: &Layout, fonts: &Arc<Fonts>) -> bool {
        root.canonicalize()
            .is_ok_and(|root| root == self.files.loader().root)
            && *layout == self.layout
            && Arc::ptr_eq(fonts, &self.fonts)
    }

    /// Prints new data: files are read again when next asked for (a file
    /// that did not change keeps its parsed form and memoized results).
    pub fn update(&mut self, data: Vec<u8>, date: Date) {
        self.files.reset();
        self.files.loader_mut().data = Bytes::new(data);
        self.today = date.to_datetime();
    }

    /// The files on disk that the last layout read (the layout of the
    /// publication's own, images, …): a change to any of them calls for a
    /// rebuild.
    pub fn files_read(&mut self) -> Vec<PathBuf> {
        let (loader, ids) = self.files.dependencies();
        let mut paths: Vec<PathBuf> = ids
            .filter(|&id| {
                id != loader.data_id && !(id == loader.main && loader.embedded_layout.is_some())
            })
            .filter_map(|id| id.vpath().realize(&loader.root).ok())
            .collect();
        paths.sort();
        paths
    }
}

fn project_file(path: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(path).expect("a valid virtual path"),
    )
    .intern()
}

impl World for BulletinWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.fonts.book()
    }

    fn main(&self) -> FileId {
        self.files.loader().main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        let loader = self.files.loader();
        if id == loader.main && loader.embedded_layout.is_some() && id == EMBEDDED_SOURCE.id() {
            return Ok(EMBEDDED_SOURCE.clone());
        }
        if id == loader.main && loader.embedded_layout.is_none() {
            let bytes = self.files.file(id)?;
            let mut parsed = PARSED_LAYOUTS.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((known, source)) = parsed.get(&id)
                && *known == bytes
            {
                return Ok(source.clone());
            }
            let source = self.files.source(id)?;
            parsed.insert(id, (bytes, source.clone()));
            return Ok(source);
        }
        self.files.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.files.file(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

impl DiagnosticWorld for BulletinWorld {
    fn name(&self, id: FileId) -> String {
        let name = id.vpath().get_without_slash().to_string();
        if id == self.files.loader().main && self.files.loader().embedded_layout.is_some() {
            format!("{name} (embedded)")
        } else {
            name
        }
    }
}

/// The largest file a layout may read (pictures are held to less, see
/// [`crate::pictures`]).
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Serves the layout, the generated data and the publication's own files.
struct PublicationFiles {
    /// The publication folder, canonical.
    root: PathBuf,
    main: FileId,
    embedded_layout: Option<Bytes>,
    data_id: FileId,
    data: Bytes,
    /// Files bulletin makes (a volume's issue data and packages), by id.
    generated: HashMap<FileId, Bytes>,
    /// The packages of a volume's issues: their other files are the
    /// publication's.
    packages: HashSet<PackageSpec>,
}

impl FileLoader for PublicationFiles {
    fn load(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.generated.get(&id) {
            return Ok(bytes.clone());
        }
        if let VirtualRoot::Package(spec) = id.root()
            && !self.packages.contains(spec)
        {
            return Err(FileError::Other(Some(
                t!("world-no-packages", package = spec.to_string()).into(),
            )));
        }
        if id == self.data_id {
            return Ok(self.data.clone());
        }
        if id == self.main
            && let Some(layout) = &self.embedded_layout
        {
            return Ok(layout.clone());
        }
        let path = id.vpath().realize(&self.root).map_err(FileError::Realize)?;
        // `realize` keeps `..` out; a symbolic link could still lead outside.
        let real = path
            .canonicalize()
            .map_err(|err| FileError::from_io(err, &path))?;
        if !real.starts_with(&self.root) {
            return Err(FileError::AccessDenied);
        }
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        // A pipe or a device would never finish reading; a huge file would
        // fill memory.
        match files::read_regular(&real, MAX_FILE_BYTES) {
            Ok(bytes) => Ok(Bytes::new(bytes)),
            Err(ReadError::Io(err)) => Err(FileError::from_io(err, &path)),
            Err(ReadError::NotRegular) => Err(FileError::Other(Some(
                t!("world-not-a-regular-file", path = path.display()).into(),
            ))),
            Err(ReadError::TooLarge(size)) => Err(FileError::Other(Some(
                t!(
                    "world-file-too-large",
                    path = path.display(),
                    mb = size / 1_048_576,
                    max = MAX_FILE_BYTES / 1_048_576
                )
                .into(),
            ))),
        }
    }
}
