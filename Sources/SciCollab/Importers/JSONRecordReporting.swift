extension JSONRecordStream {
    /// The next record, or nil at the end. A damaged JSON Lines record is reported to `sink` as skipped and
    /// reading goes on; text that cannot be cut into records any further is reported once and ends the file
    /// (the records before it are kept).
    func nextRecord(path: String, sink: RecordSink) throws -> Record? {
        while true {
            do {
                return try next()
            } catch let error as StreamError where error.isRecoverable {
                sink.skip(Diagnostic(file: path, line: error.line, recordID: nil, severity: .error,
                                     message: "damaged record skipped: \(error.message)"))
            } catch let error as StreamError {
                sink.skip(Diagnostic(file: path, line: error.line, recordID: nil, severity: .error,
                                     message: "the JSON cannot be read further: \(error.message); the works before it are imported"))
                return nil
            }
        }
    }
}
