import CollabCore
import Testing

@Suite struct StatsCoreTests {
    @Test func medianAndNinetiethPercentile() throws {
        #expect(Stats.medianAndP90([]) == nil)
        let one = try #require(Stats.medianAndP90([5]))
        #expect(one.median == 5 && one.p90 == 5)
        let four = try #require(Stats.medianAndP90([10, 1, 3, 2]))
        #expect(four.median == 2 && four.p90 == 10, "(2 + 3) / 2 rounded down; rank ⌈3.6⌉ = 4")
        let ten = try #require(Stats.medianAndP90(Array(1...10).map(Int64.init)))
        #expect(ten.median == 5 && ten.p90 == 9, "(5 + 6) / 2 = 5; rank 9")
        let eleven = try #require(Stats.medianAndP90(Array(1...11).map(Int64.init)))
        #expect(eleven.median == 6 && eleven.p90 == 10, "rank ⌈9.9⌉ = 10")
    }

    @Test(arguments: [
        ("2026-11-02", "2026-W45"), ("2026-11-08", "2026-W45"), ("2026-11-23", "2026-W48"), ("2026-01-01", "2026-W01"),
        ("2025-12-29", "2026-W01"), ("2027-01-01", "2026-W53"), ("2021-01-03", "2020-W53"), ("2024-12-30", "2025-W01"),
    ])
    func isoWeeks(_ date: String, _ week: String) throws {
        #expect(Stats.isoWeek(try #require(CivilDate.parse(date))) == week)
    }
}
