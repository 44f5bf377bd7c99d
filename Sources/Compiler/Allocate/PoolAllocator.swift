/// First-fit, aligned prefix allocation inside a pool. Existing prefixes never move: the allocator only
/// looks for the lowest aligned block of the wanted length that overlaps nothing already taken.
public enum PoolAllocator {
    /// The lowest `length` block inside `pool` that overlaps none of `taken`, or nil when the pool is full.
    public static func firstFree(in pool: IPPrefix, length: Int, taken: [IPPrefix]) -> IPPrefix? {
        guard length >= pool.length, length <= pool.family.bitWidth else { return nil }
        let block = IPPrefix(address: pool.address, length: length)
        let size = block.size
        let occupied = taken.filter { $0.overlaps(pool) }.sorted { $0.first < $1.first }
        var candidate = pool.first
        for range in occupied {
            if range.last < candidate { continue }
            if range.first > candidate, range.first - candidate >= size { break }
            // Move past this range, keeping the candidate aligned to the block size.
            guard range.last < pool.last else { return nil }
            let next = range.last + 1
            let remainder = size == .max ? 0 : next % size
            guard remainder == 0 || next <= UInt128.max - (size - remainder) else { return nil }
            candidate = remainder == 0 ? next : next + (size - remainder)
            if candidate > pool.last { return nil }
        }
        guard candidate <= pool.last, size == .max || candidate + (size - 1) <= pool.last else { return nil }
        return IPPrefix(address: IPAddress(family: pool.family, value: candidate), length: length)
    }

    /// Default-length blocks in the pool, and how many of them something taken touches (saturating).
    public static func usage(of pool: PrefixPool, taken: [IPPrefix]) -> (capacity: UInt64, used: UInt64) {
        let bits = pool.maxPrefixLength - pool.prefix.length
        let capacity: UInt64 = bits >= 64 ? .max : (1 << UInt64(max(bits, 0)))
        let blockLength = pool.maxPrefixLength
        var touched = Set<UInt128>()
        var used: UInt64 = 0
        for prefix in taken where prefix.overlaps(pool.prefix) {
            if prefix.length >= blockLength {
                touched.insert(IPPrefix(address: prefix.address, length: blockLength).first)
            } else {
                let span = blockLength - prefix.length
                used = used &+ (span >= 64 ? .max : (1 << UInt64(span)))
            }
        }
        return (capacity, min(capacity, used &+ UInt64(touched.count)))
    }
}
