/// WireGuard interfaces as the agent drives them: the userspace UAPI protocol (wireguard-go) and the kernel's
/// generic netlink family, behind one protocol. Filled in by the agent issue.
public enum WireGuard {}
