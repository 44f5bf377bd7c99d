/// BIRD's times as its control socket prints them: local wall-clock text in the formats of its `timeformat`
/// settings. BIRD 2's defaults print a protocol's state change as `HH:MM:SS.mmm` when it was less than 20 hours
/// ago and as a bare date after that, and its own clock (`show status`) as `YYYY-MM-DD HH:MM:SS.mmm`; with
/// `timeformat protocol iso long` the state change carries its date too.
enum BIRDTime {
    /// Seconds from `since` (a protocol's state change) to `now` (BIRD's clock), both as BIRD prints them and in
    /// the same time zone. nil when either cannot be read or `since` is a bare date (only the day is known).
    /// A time of day alone is the last such time at or before `now` (BIRD prints it for the last 20 hours only).
    static func seconds(since: String, now: String) -> Double? {
        guard let now = dateTime(now) else { return nil }
        if let since = dateTime(since) {
            return now.absolute >= since.absolute ? now.absolute - since.absolute : nil
        }
        guard let time = timeOfDay(since) else { return nil }
        let seconds = now.secondOfDay - time
        return seconds >= 0 ? seconds : seconds + 86_400
    }

    /// `YYYY-MM-DD HH:MM:SS[.fff]` (or with a `T`) as seconds since 1970-01-01 00:00 of the same zone.
    static func dateTime(_ text: String) -> (absolute: Double, secondOfDay: Double)? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "T" })
        guard parts.count == 2, let days = days(String(parts[0])), let time = timeOfDay(String(parts[1])) else {
            return nil
        }
        return (Double(days) * 86_400 + time, time)
    }

    /// `HH:MM:SS[.fff]` as seconds after midnight.
    static func timeOfDay(_ text: String) -> Double? {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 2, fields[1].count == 2, fields[2].count >= 2,
              let hours = Int(fields[0]), let minutes = Int(fields[1]), let seconds = Double(fields[2]),
              (0..<24).contains(hours), (0..<60).contains(minutes), seconds >= 0, seconds < 61 else { return nil }
        return Double(hours * 3600 + minutes * 60) + seconds
    }

    /// `YYYY-MM-DD` as days since 1970-01-01 (the proleptic Gregorian calendar).
    static func days(_ text: String) -> Int? {
        let fields = text.split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, let year = Int(fields[0]), let month = Int(fields[1]),
              let day = Int(fields[2]), (1...12).contains(month), (1...31).contains(day) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
