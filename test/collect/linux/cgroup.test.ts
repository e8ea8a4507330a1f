import {describe, expect, it} from 'vitest';
import {parseContainerLabel} from '../../../source/collect/linux/cgroup.js';
import {fixture} from './fixtures.js';

// Real /proc/<pid>/cgroup lines from the test data of neuvector/neuvector
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
	host: '13:name=systemd:/\n5:memory:/\n1:cpuset:/',
	session: '13:name=systemd:/user/1000.user/c2.session\n1:cpuset:/',
};

describe('parseContainerLabel', () => {
	it('names docker containers by their short id, the inner one when nested', () => {
		expect(parseContainerLabel(captured.centos)).toBe('docker:9ec39b91f3d7');
		expect(parseContainerLabel(captured.ubuntu)).toBe('docker:31cb02944da7');
		expect(parseContainerLabel(captured.rancherDockerInDocker)).toBe('docker:ec08435e0426');
		expect(parseContainerLabel(captured.debian)).toBe('container:4f797c539e6c');
	});

	it('names Kubernetes containers under cgroupfs and systemd drivers', () => {
		expect(parseContainerLabel(captured.kubepods)).toBe('k8s:cb1eadb7abe3');
		expect(parseContainerLabel(captured.kubeProxy)).toBe('k8s:c04e0a88a1de');
		expect(parseContainerLabel(captured.bottlerocket)).toBe('containerd:f45298cd514d');
	});

	it('names podman, LXC and nspawn containers (cgroup v2 forms)', () => {
		expect(parseContainerLabel(`0::/machine.slice/libpod-${'ab'.repeat(32)}.scope/container`)).toBe('podman:abababababab');
		expect(parseContainerLabel('0::/lxc.payload.web1')).toBe('lxc:web1');
		expect(parseContainerLabel('0::/machine.slice/systemd-nspawn@build.service/payload')).toBe('nspawn:build');
	});

	it('gives null on the host, in a login session and on this machine', () => {
		expect(parseContainerLabel(captured.host)).toBeNull();
		expect(parseContainerLabel(captured.session)).toBeNull();
		expect(parseContainerLabel(fixture('cgroup-self.txt'))).toBeNull();
		expect(parseContainerLabel('')).toBeNull();
	});
});
