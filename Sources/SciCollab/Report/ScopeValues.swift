/// The options of an analysis as typed report parameters.
extension AnalysisScope {
    /// The period as a value: JSON `{"from": 2018, "to": 2024}` (null for an open end), text `2018–2024`.
    public var periodValue: ReportValue { .range(from: from, to: to) }
}
