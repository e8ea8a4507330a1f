import {describe, expect, it} from 'vitest';
import {parseContainerLabel} from '../../../source/collect/linux/cgroup.js';
import {fixture} from './fixtures.js';

// Real /proc/<pid>/cgroup lines, each with its source. The first ones are from the test data of neuvector/neuvector
// (share/system/cgroup_test.go), captured on the systems named; this machine's own is test/fixtures/proc/cgroup-self.txt.
const captured = {
	debian: '4:memory:/4f797c539e6c745de61a93ca3ff892358ecbcaccd8414d5db545c38428142970',
	centos: '2:cpuacct,cpu:/system.slice/docker-9ec39b91f3d70e1beff50a308f77067065ea6be0d91a3378375056cd4422cf3d.scope',
	ubuntu: '4:memory:/docker/31cb02944da7a12196a193cf0e0f6c226d7c453a1db62e65ba98287593a2ee30',
	rancherDockerInDocker:
		'8:memory:/docker/a9a5ad238e59234193ee7ec3fcff5e735b3708ea1068826952255b69e3cfa413/docker/ec08435e04266c5ba381fccbb829f626d11d8ddf5f8f547263c7a2d79ab4787a',
	kubepods: '10:memory:/kubepods/besteffort/pod74ba62da-1a3d-11e7-bb11-080027cb0e22/cb1eadb7abe3a6545e9856411207073277838e1bdc003337c2f8685faeedc32c',
	kubeProxy:
		'10:memory:/kubepods/besteffort/podf8a694f2-7c08-11e9-98da-000c29077430/c04e0a88a1de067f25bece337d4dbb897396e0b623c2a65330850fc9823f1903/kube-proxy',
	bottlerocket:
		'5:memory:/kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-poddd1bf9d1_241d_47f5_8e25_12de83135812.slice/cri-containerd-f45298cd514d1930c4fe3afc4412e59547f7e3148fddd22ca33cefce046eb830.scope',
	// Lines users pasted in GitHub issues. Docker on a hybrid host, cgroup v1 (the 0:: line is the v2 hierarchy, left at containerd.service):
	// https://github.com/ctrsploit/ctrsploit/issues/280
	dockerV1Hybrid:
		'12:net_cls,net_prio:/docker/2403ccfe427f1dc7b6120dccb9ac58c2f8456950380d587a9f33ea7f00dd303d\n0::/system.slice/containerd.service',
	// https://github.com/open-telemetry/opentelemetry-java/issues/4507 (containerd, systemd driver, cgroup v1)
	containerdSystemdV1:
		'11:perf_event:/kubepods-besteffort-pod0125ec2f_b64a_4868_8f5b_94b56cbab864.slice:cri-containerd:ee4b20e90ac7f42a10bd004d05646b13d8ab5e2c5e7cbc01abf8006bac016459',
	containerdSystemdV1Service:
		'10:blkio:/system.slice/containerd.service/kubepods-besteffort-pod0125ec2f_b64a_4868_8f5b_94b56cbab864.slice:cri-containerd:ee4b20e90ac7f42a10bd004d05646b13d8ab5e2c5e7cbc01abf8006bac016459',
	// cgroup v2 files captured from /proc for sustainable-computing-io/kepler, internal/resource/testdata/procfs/<pid>/cgroup
	// (its README: 3456208 is a prometheus docker container, 3538356 a podman one; 43251 a tmux pane on the host).
	dockerV2: '0::/system.slice/docker-b176419186d75a44628851daf7841d3374a2ec56d0b038ee3bd1e0c6d331e5b1.scope',
	podmanRootless:
		'0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-f992ec4ed807f76e5e54c9c67d78f0a4105bf945420271c2558ba905e38d2108.scope/container',
	tmuxOnHost: '0::/user.slice/user-1000.slice/user@1000.service/tmux-spawn-5474f896-9032-4de8-89a4-afa59c0c0822.scope',
	// cgroup v2 lines from the test table of sustainable-computing-io/kepler, internal/resource/container_test.go.
	podmanRootful: '0::/machine.slice/libpod-06dc5f321aad8726aa26559f16ec203bc099245bc44894b14a89fc02b022d1d5.scope/container',
	podmanQuadlet: '0::/system.slice/kepler.service/libpod-payload-8e363eb2287da4ccc9f52ffc5de11252ac5fe707e3ddb917a3c0bdf9bb64165b',
	crioV2: '0::/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod2c9f8a79_5391_454b_88cb_86190881cb96.slice/crio-a09343ca97901516c25036e2b954421254f8c68b384b536064e8999f0c4ed18d.scope',
	crioV1:
		'1:name=systemd:/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-podd0511cd2_29d2_4215_be0f_f77bc0609d99.slice/crio-f93ee491b8ed2680d5a909eb098b14a9430173b57ca1c4efedd8768566d67e8e.scope',
	kindContainerd:
		'0::/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-burstable.slice/kubelet-kubepods-burstable-pod3cae2e45_052c_4b11_80d3_4d7b2d2d3464.slice/cri-containerd-2b180104511194aab36fd295d3e217439f3ddb5bc88277f37b4952abee85c40e.scope',
	// A kind node is a docker container; the pod's container is nested inside its scope.
	kindInDocker:
		'0::/system.slice/docker-fd9d0ea06257a9780827cbc7fd92e3812a54fca26d63e191b73610d5d48b9cbd.scope/kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice/kubelet-kubepods-besteffort-podeab5a334_93fe_48a8_b139_9e8079c1f163.slice/cri-containerd-99f3a16ea25b7724cb56a4f0c0df1113ad9474fbf5545bead97fd5c7f61c13f4.scope',
	host: '13:name=systemd:/\n5:memory:/\n1:cpuset:/',
	session: '13:name=systemd:/user/1000.user/c2.session\n1:cpuset:/',
};

describe('parseContainerLabel', () => {
	it('names docker containers by their short id, the inner one when nested', () => {
		expect(parseContainerLabel(captured.centos)).toBe('docker:9ec39b91f3d7');
		expect(parseContainerLabel(captured.ubuntu)).toBe('docker:31cb02944da7');
		expect(parseContainerLabel(captured.rancherDockerInDocker)).toBe('docker:ec08435e0426');
		expect(parseContainerLabel(captured.debian)).toBe('container:4f797c539e6c');
		expect(parseContainerLabel(captured.dockerV1Hybrid)).toBe('docker:2403ccfe427f');
		expect(parseContainerLabel(captured.dockerV2)).toBe('docker:b176419186d7');
	});

	it('names Kubernetes containers under cgroupfs and systemd drivers', () => {
		expect(parseContainerLabel(captured.kubepods)).toBe('k8s:cb1eadb7abe3');
		expect(parseContainerLabel(captured.kubeProxy)).toBe('k8s:c04e0a88a1de');
		expect(parseContainerLabel(captured.bottlerocket)).toBe('containerd:f45298cd514d');
		expect(parseContainerLabel(captured.containerdSystemdV1)).toBe('containerd:ee4b20e90ac7');
		expect(parseContainerLabel(captured.containerdSystemdV1Service)).toBe('containerd:ee4b20e90ac7');
		expect(parseContainerLabel(captured.kindContainerd)).toBe('containerd:2b1801045111');
		expect(parseContainerLabel(captured.crioV2)).toBe('crio:a09343ca9790');
		expect(parseContainerLabel(captured.crioV1)).toBe('crio:f93ee491b8ed');
	});

	// Written from CRI-O's source (internal/config/cgmgr: containerCgroupPath is 'crio-' + id, and the cgroupfs
	// manager joins it to the pod's cgroup as is, /crio when the pod has none); cgroup-live.test.ts makes such a cgroup.
	it('names CRI-O containers under the cgroupfs driver, without .scope', () => {
		const id = '7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b';
		expect(parseContainerLabel(`10:memory:/kubepods/burstable/pod2c9f8a79-5391-454b-88cb-86190881cb96/crio-${id}`)).toBe('crio:7a8b9c0d1e2f');
		expect(parseContainerLabel(`0::/kubepods/besteffort/pod2c9f8a79-5391-454b-88cb-86190881cb96/crio-${id}`)).toBe('crio:7a8b9c0d1e2f');
		expect(parseContainerLabel(`0::/crio/crio-${id}`)).toBe('crio:7a8b9c0d1e2f');
		expect(parseContainerLabel(`0::/crio-${id}0`)).toBeNull();
	});

	it('names the innermost container when one runtime nests in another', () => {
		expect(parseContainerLabel(captured.kindInDocker)).toBe('containerd:99f3a16ea25b');
	});

	it('names podman containers, rootful, rootless and under a quadlet unit', () => {
		expect(parseContainerLabel(captured.podmanRootful)).toBe('podman:06dc5f321aad');
		expect(parseContainerLabel(captured.podmanRootless)).toBe('podman:f992ec4ed807');
		expect(parseContainerLabel(captured.podmanQuadlet)).toBe('podman:8e363eb2287d');
	});

	// Written by hand: no captured LXC or nspawn line with a citable source was found (these were only briefly looked for).
	it('names LXC and nspawn containers (cgroup v2 forms)', () => {
		expect(parseContainerLabel('0::/lxc.payload.web1')).toBe('lxc:web1');
		expect(parseContainerLabel('0::/machine.slice/systemd-nspawn@build.service/payload')).toBe('nspawn:build');
	});

	it('gives null on the host, in a login session and on this machine', () => {
		expect(parseContainerLabel(captured.host)).toBeNull();
		expect(parseContainerLabel(captured.session)).toBeNull();
		expect(parseContainerLabel(captured.tmuxOnHost)).toBeNull();
		expect(parseContainerLabel(fixture('cgroup-self.txt'))).toBeNull();
		expect(parseContainerLabel('')).toBeNull();
	});
});
