import CollabCore
import Testing

@Suite struct FullTextTests {
    @Test func wordsAreAndedPrefixesWithPluralsDropped() throws {
        #expect(try FullText.matchExpression("Réunions budget") == "\"réunion\"* \"budget\"*")
        #expect(try FullText.matchExpression("travaux") == "\"travau\"*")
        #expect(try FullText.matchExpression("bus") == "\"bus\"*")
    }

    @Test func operatorsAndQuotesAreTakenAsWords() throws {
        #expect(try FullText.matchExpression("a\" OR b*") == "\"a\"* \"or\"* \"b\"*")
    }

    @Test func aQueryWithoutWordsIsBadInput() {
        let e = #expect(throws: CollabError.self) { try FullText.matchExpression(" -- ! ") }
        #expect(e?.kind == .badInput)
    }
}

@Suite struct RevisionTests {
    @Test func staleRevisionIsAConflict() {
        #expect(throws: Never.self) { try Revisions.check("task", "task-1", current: 3, expected: nil) }
        #expect(throws: Never.self) { try Revisions.check("task", "task-1", current: 3, expected: 3) }
        let e = #expect(throws: CollabError.self) { try Revisions.check("task", "task-1", current: 3, expected: 2) }
        #expect(e?.exitCode == 73)
        #expect(e?.message.contains("rev 3") == true)
    }
}

@Suite struct HTTPClientTests {
    @Test func anUnreachableServerIsExit69() {
        // Port 9 on loopback (discard) is closed on a test machine: the connection is refused.
        let e = #expect(throws: CollabError.self) { try HTTPClient.request("POST", "http://127.0.0.1:9/", body: [1], timeout: 2) }
        #expect(e?.exitCode == 69)
    }

    @Test func onlyHTTPAddressesAreAccepted() {
        let e = #expect(throws: CollabError.self) { try HTTPClient.get("file:///etc/passwd") }
        #expect(e?.exitCode == 65)
    }
}
