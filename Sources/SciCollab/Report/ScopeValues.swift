/// The options of an analysis as typed report parameters.
extension AnalysisScope {
    /// The period as a value: JSON `{"from": 2018, "to": 2024}` (the bounds asked for, null for an open end); text
    /// the real years when the scope knows the years its data hold (`Store.resolvedScope`): `1965–2026 (every year
    /// present; 2026 incomplete)`, never "every year" alone.
    public var periodValue: ReportValue { .range(from: from, to: to, text: yearsPresent == nil ? nil : periodDescription) }
}
