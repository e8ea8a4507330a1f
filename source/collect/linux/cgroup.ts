/**
 * Which container a process runs in, from /proc/<pid>/cgroup, to name the
 * network namespace it holds sockets in. Sample lines (cgroup v1, then v2):
 *
 *   12:memory:/docker/3f4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f
 *   0::/system.slice/docker-3f4e5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f.scope
 *   0::/machine.slice/libpod-9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b.scope/container
 *   0::/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod1c2d.slice/cri-containerd-5e6f...64.scope
 *   10:memory:/kubepods/burstable/pod1c2d.../crio-7a8b...64
 *   0::/lxc.payload.web1
 *   0::/machine.slice/systemd-nspawn@build.service/payload
 *
 * Container ids are shortened to 12 hex digits, as `docker ps` shows them;
 * names would need each engine's API, which a /proc reader does not speak.
 */

const id = '([0-9a-f]{64})';

/** Path patterns, most specific first; the first group is the id or name. */
const patterns: ReadonlyArray<readonly [RegExp, string]> = [
	[new RegExp(`(?:^|/)docker[-/]${id}(?:\\.scope)?(?=/|$)`, 'g'), 'docker'],
	// Quadlet units (--cgroups=split) put the payload in libpod-payload-<id>, without .scope.
	[new RegExp(`(?:^|/)libpod-(?:conmon-|payload-)?${id}(?=\\.scope|/|$)`, 'g'), 'podman'],
	// cgroup v1 under the systemd driver names the leaf '<pod>.slice:cri-containerd:<id>'.
	[new RegExp(`(?:^|[/:])cri-containerd[-:]${id}`, 'g'), 'containerd'],
	// CRI-O's container cgroup is crio-<id> under either driver, with .scope only under systemd's.
	[new RegExp(`(?:^|/)crio-(?:conmon-)?${id}(?=\\.scope|/|$)`, 'g'), 'crio'],
	[new RegExp(`/kubepods.*/${id}(?=/|$)`, 'g'), 'k8s'],
	[/(?:^|\/)lxc\.payload\.([^/]+)/g, 'lxc'],
	[/(?:^|\/)lxc\/([^/]+)/g, 'lxc'],
	[/(?:^|\/)systemd-nspawn@([^/]+)\.service/g, 'nspawn'],
	[/(?:^|\/)machine-([^/]+)\.scope/g, 'machine'],
	// Docker with a custom cgroup parent puts the bare id at the root (seen on Debian).
	[new RegExp(`(?:^|/)${id}(?=/|$)`, 'g'), 'container'],
];

/** 'docker:3f4e5a6b7c8d' etc. for a process inside a container; null otherwise. */
export function parseContainerLabel(cgroupText: string): string | null {
	for (const line of cgroupText.split('\n')) {
		// hierarchy-ID:controller-list:cgroup-path; the path may itself contain ':'.
		const second = line.indexOf(':', line.indexOf(':') + 1);
		if (second === -1) continue;
		const path = line.slice(second + 1);
		// The innermost match, whatever its kind: docker-in-docker nests the inner container
		// under the outer one, and kind nests containerd's under the node's docker scope.
		// On a tie the earlier, more specific pattern wins.
		let best: {end: number; kind: string; name: string} | undefined;
		for (const [pattern, kind] of patterns) {
			const match = [...path.matchAll(pattern)].at(-1);
			if (match?.[1] === undefined) continue;
			const end = match.index + match[0].length;
			if (best === undefined || end > best.end) best = {end, kind, name: match[1]};
		}

		if (best !== undefined) {
			const name = /^[0-9a-f]{64}$/.test(best.name) ? best.name.slice(0, 12) : best.name.replaceAll('\\x2d', '-');
			return `${best.kind}:${name}`;
		}
	}

	return null;
}
