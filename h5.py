import socket as S,os,time
def rp(s): s.setsockopt(S.SOL_SOCKET,S.SO_REUSEADDR,1); s.setsockopt(S.SOL_SOCKET,S.SO_REUSEPORT,1)
l=S.socket(); rp(l); l.bind(('0.0.0.0',9418)); l.listen(5)
d=S.socket(); rp(d); d.bind(('10.98.0.1',9418)); d.connect(('10.98.0.2',6379))
print(os.getpid(),flush=True); time.sleep(100000)
