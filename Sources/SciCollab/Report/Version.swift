/// The version of scicollab, written by `--version` and as `scicollab_version` in every JSON output.
public enum SciCollabVersion {
    public static let current = "0.2.0"
}
