import ArgumentParser
import CollabCore

// Core types that several programs take as option values.
extension Visibility: ExpressibleByArgument {}
