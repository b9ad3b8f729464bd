#include "config.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/net_namespace.h>
#include <linux/rtnetlink.h>

#include "netnsid.h"

int netnsid_socket(void)
{
	return socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
}

int netnsid_of(int sock, int nsfd)
{
	union {
		struct nlmsghdr header;
		char bytes[NLMSG_SPACE(sizeof(struct rtgenmsg)) + RTA_SPACE(sizeof(int32_t))];
	} request;
	union {
		struct nlmsghdr header;
		char bytes[1024];
	} reply;
	struct rtattr *attr;
	ssize_t len;
	int attrlen;

	if (sock < 0)
		return INT_MIN;
	memset(&request, 0, sizeof(request));
	request.header.nlmsg_len = sizeof(request.bytes);
	request.header.nlmsg_type = RTM_GETNSID;
	request.header.nlmsg_flags = NLM_F_REQUEST;
	((struct rtgenmsg *) NLMSG_DATA(&request.header))->rtgen_family = AF_UNSPEC;
	attr = (struct rtattr *) (request.bytes + NLMSG_SPACE(sizeof(struct rtgenmsg)));
	attr->rta_type = NETNSA_FD;
	attr->rta_len = RTA_LENGTH(sizeof(int32_t));
	*(int32_t *) RTA_DATA(attr) = nsfd;
	if (send(sock, &request, sizeof(request.bytes), 0) < 0)
		return INT_MIN;
	len = recv(sock, &reply, sizeof(reply), 0);
	if (len < 0 || !NLMSG_OK(&reply.header, (size_t) len) || reply.header.nlmsg_type != RTM_NEWNSID)
		return INT_MIN;
	attrlen = (int) NLMSG_PAYLOAD(&reply.header, sizeof(struct rtgenmsg));
	for (attr = (struct rtattr *) ((char *) NLMSG_DATA(&reply.header) + NLMSG_ALIGN(sizeof(struct rtgenmsg)));
	     RTA_OK(attr, attrlen); attr = RTA_NEXT(attr, attrlen))
		if (attr->rta_type == NETNSA_NSID)
			return *(int32_t *) RTA_DATA(attr);
	return INT_MIN;
}
