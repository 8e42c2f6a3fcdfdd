/// The bounds that keep a hostile or damaged export from exhausting memory, the stack or the figures' sums.
/// Each is reported with a clear error when crossed (README, "Limits").
public enum ImportLimits {
    /// The longest line, CSV record, JSON record or XML text value read: 16 MiB. Real records stay far below
    /// (the largest Scopus record with its references is well under 1 MiB).
    public static let maxRecordBytes = 16 << 20

    /// The deepest nesting of JSON arrays and objects inside one record: 256 (an OpenAlex work nests 6 deep).
    public static let maxJSONDepth = 256

    /// The largest citation count kept: 100 million (the most cited paper has under half a million). A larger
    /// value is dropped with a warning, so that sums over millions of works cannot overflow.
    public static let maxCitations = 100_000_000

    /// `16 MiB`, for messages.
    static var maxRecordDescription: String { "\(maxRecordBytes >> 20) MiB" }
}
