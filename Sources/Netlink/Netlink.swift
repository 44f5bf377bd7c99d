/// Linux netlink through libmnl: rtnetlink (links, addresses, routes) and generic netlink families. Filled in by
/// the agent issue; no C type leaves this module.
public enum Netlink {}
